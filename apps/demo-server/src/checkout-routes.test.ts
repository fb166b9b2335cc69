import { createHash } from 'node:crypto'
import type { VerifiedCaptureContext } from 'flex-jwt'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { CheckoutFunctions } from './checkout-functions.js'
import { createApp } from './create-app.js'
import { createFlexFunctions, type DemoFlexFunctions } from './create-flex-functions.js'
import {
  createSwitchableStorage,
  type DemoHarness,
  expectNothingSensitive,
  startDemoHarness,
} from './test/demo-harness.js'
import { createMicroformToken } from './test/microform-token.js'

const PUBLIC_URL = 'https://demo.test'
const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g

let demo: DemoHarness
let functions: DemoFlexFunctions

beforeAll(async () => {
  demo = await startDemoHarness()
  functions = createFlexFunctions({
    target: { origin: demo.emulator.url },
    credentials: demo.emulator.merchant,
    authentication: 'jwt',
    log: () => {},
  })
})
afterAll(() => demo.close())
beforeEach(() => demo.reset({ publicUrl: PUBLIC_URL, checkout: functions.checkout }))

interface OpenedCheckout {
  html: string
  action: string
  captureContext: VerifiedCaptureContext
}

async function openCheckout(query = ''): Promise<OpenedCheckout> {
  const response = await demo.get(`/checkout${query}`)
  expect(response.status).toBe(200)
  const html = await response.text()
  const action = /<form[^>]* action="(\/checkout\/[0-9a-f]{20})"/.exec(html)?.[1] ?? ''
  const jwt = /data-capture-context="([^"]+)"/.exec(html)?.[1] ?? ''
  return { html, action, captureContext: await functions.checkout.verifyCaptureContext(jwt) }
}

describe('GET /checkout', () => {
  it('sends the page the verified JWT, the library and its integrity, under a strict policy', async () => {
    const response = await demo.get('/checkout')
    expect(response.status).toBe(200)
    const html = await response.text()
    const library = await fetch(`${demo.emulator.url}/microform/bundle/v2/flex-microform.min.js`)
    const integrity = `sha256-${createHash('sha256')
      .update(Buffer.from(await library.arrayBuffer()))
      .digest('base64')}`
    expect(html).toContain(
      `<script src="${demo.emulator.url}/microform/bundle/v2/flex-microform.min.js" integrity="${integrity}" crossorigin="anonymous" defer="">`,
    )
    expect(html).toContain('<script src="/assets/checkout.js" defer="">')
    const policy = response.headers.get('content-security-policy') ?? ''
    expect(policy.split('; ')).toEqual([
      "default-src 'none'",
      `script-src 'self' ${demo.emulator.url}`,
      `frame-src ${demo.emulator.url}`,
      "style-src 'self'",
      "img-src 'self'",
      "form-action 'self'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ])
    expect(response.headers.get('cache-control')).toBe('no-store')
    // The capture context is the one token on the page, made for the demo's public origin.
    const tokens = html.match(JWT) ?? []
    expect(tokens).toHaveLength(1)
    const captureContext = await functions.checkout.verifyCaptureContext(tokens[0] as string)
    expect(captureContext.data).toMatchObject({ kind: 'microform', targetOrigins: [PUBLIC_URL] })
    expect(html).toContain('Pay 25.00 USD')
    // Other pages keep the app's own policy.
    const terminal = await demo.get('/')
    const own = terminal.headers.get('content-security-policy') ?? ''
    expect(own).toContain("script-src 'self';")
    expect(own).not.toContain(demo.emulator.url)
  })

  it('serves the merchant script and stylesheet from the demo', async () => {
    const script = await demo.get('/assets/checkout.js')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toContain(
      'microform.createToken({ expirationMonth, expirationYear }',
    )
    const styles = await demo.get('/assets/checkout.css')
    expect(styles.headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it('refuses an order it cannot read, and a query it does not know, before any call', async () => {
    for (const query of ['?amount=1.234', '?currency=XYZ', '?amount=-1', '?coupon=1']) {
      const response = await demo.get(`/checkout${query}`)
      expect(response.status).toBe(400)
    }
    expect(demo.logs.some((entry) => entry.msg === 'checkout')).toBe(false)
  })

  it('says so when the verified context names no library to load', async () => {
    const checkout: CheckoutFunctions = {
      ...functions.checkout,
      verifyCaptureContext: async (jwt) => ({
        ...(await functions.checkout.verifyCaptureContext(jwt)),
        data: { kind: 'other' },
      }),
    }
    demo.reset({ publicUrl: PUBLIC_URL, checkout })
    const response = await demo.get('/checkout')
    expect(response.status).toBe(502)
    const html = await response.text()
    expect(html).toContain('Verify capture context failed: NO_CLIENT_LIBRARY')
    expect(html).not.toMatch(JWT)
  })

  it('answers 404 in a setup without the checkout calls', async () => {
    demo.reset({ publicUrl: PUBLIC_URL, checkout: undefined })
    expect((await demo.get('/checkout')).status).toBe(404)
  })

  it('sends a loopback address to localhost, the one http origin Microform takes', async () => {
    const app = createApp({
      ...functions,
      target: { kind: 'emulator', label: 'Emulator', origin: demo.emulator.url },
      allowedHosts: ['127.0.0.1:3000', 'localhost:3000'],
      log: () => {},
    })
    const redirect = await app.request('http://127.0.0.1:3000/checkout?amount=5.00')
    expect(redirect.status).toBe(302)
    expect(redirect.headers.get('location')).toBe('http://localhost:3000/checkout?amount=5.00')
    const response = await app.request('http://localhost:3000/checkout?amount=5.00')
    expect(response.status).toBe(200)
    const jwt = /data-capture-context="([^"]+)"/.exec(await response.text())?.[1] ?? ''
    const captureContext = await functions.checkout.verifyCaptureContext(jwt)
    expect(captureContext.data).toMatchObject({ targetOrigins: ['http://localhost:3000'] })
  })
})

describe('POST /checkout/:id', () => {
  it('verifies the token against the checkout context and pays once; the receipt is the terminal one', async () => {
    const { action, captureContext } = await openCheckout('?amount=12.50')
    const token = await createMicroformToken(captureContext)
    const receipt = await demo.follow(
      await demo.post(action, { transientToken: token, firstName: 'Ada', lastName: 'Lovelace' }),
    )
    const html = await receipt.text()
    expect(html).toContain('Sale approved')
    expect(html).toContain('American Express')
    expect(html).toContain('•••• 0005')
    expect(html).toContain('12.50 USD')
    expect(html).toContain('In the customer&#39;s browser, by Microform&#39;s card fields')
    expect(html).toContain('href="/checkout"')
    expect(demo.authorizations()).toBe(1)
    expect(demo.tokens.at(-1)?.type).toBe('mf-2.0.0')

    // The same checkout again, even with a fresh token of its context: refused, not paid twice.
    const again = await demo.post(action, {
      transientToken: await createMicroformToken(captureContext),
    })
    expect(again.status).toBe(409)
    expect(demo.authorizations()).toBe(1)

    const paid = demo.logs.find((entry) => entry.msg === 'checkout' && entry.outcome === 'paid')
    expect(paid).toMatchObject({ status: 'AUTHORIZED', amount: '12.50', currency: 'USD' })
    expectNothingSensitive(html)
    expectNothingSensitive(JSON.stringify(demo.logs))
    expect(JSON.stringify(demo.logs)).not.toContain('Lovelace')
  })

  it('refuses a token of another checkout with 422, and the checkout can still be paid', async () => {
    const first = await openCheckout()
    const second = await openCheckout()
    const response = await demo.post(first.action, {
      transientToken: await createMicroformToken(second.captureContext),
    })
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('Verify transient token failed: nothing was charged')
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(demo.authorizations()).toBe(0)
    expect((html.match(JWT) ?? []).length).toBe(1)
    const paid = await demo.post(first.action, {
      transientToken: await createMicroformToken(first.captureContext),
    })
    expect(paid.status).toBe(303)
    expect(demo.authorizations()).toBe(1)
  })

  it('pays once when the same checkout is posted twice at the same time', async () => {
    const { action, captureContext } = await openCheckout()
    const [one, two] = await Promise.all([
      createMicroformToken(captureContext),
      createMicroformToken(captureContext),
    ])
    const answers = await Promise.all([
      demo.post(action, { transientToken: one }),
      demo.post(action, { transientToken: two }),
    ])
    expect(answers.map((answer) => answer.status).sort()).toEqual([303, 409])
    expect(demo.authorizations()).toBe(1)
  })

  it('refuses a missing or malformed token, an over-long name and an unknown checkout', async () => {
    const { action, captureContext } = await openCheckout()
    expect((await demo.post(action, {})).status).toBe(400)
    expect((await demo.post(action, { transientToken: 'not-a-token' })).status).toBe(400)
    const token = await createMicroformToken(captureContext)
    const long = await demo.post(action, { transientToken: token, firstName: 'x'.repeat(61) })
    expect(long.status).toBe(400)
    expect(await long.text()).toContain('The first name must be text of at most 60 characters.')
    const unknown = await demo.post('/checkout/0123456789abcdef0123', { transientToken: token })
    expect(unknown.status).toBe(404)
    expect(demo.authorizations()).toBe(0)
    // Nothing was spent: the checkout still pays.
    expect((await demo.post(action, { transientToken: token })).status).toBe(303)
  })

  it('shows a decline on the receipt (the test amount 20.01)', async () => {
    const { action, captureContext } = await openCheckout('?amount=20.01')
    const receipt = await demo.follow(
      await demo.post(action, { transientToken: await createMicroformToken(captureContext) }),
    )
    const html = await receipt.text()
    expect(html).toContain('Sale declined')
    expect(html).toContain('INSUFFICIENT_FUND')
    expectNothingSensitive(html)
  })
})

describe('the checkout through the capture-context store', () => {
  it('refuses the same token posted again after the service refused its payment (409)', async () => {
    const { action, captureContext } = await openCheckout()
    const token = await createMicroformToken(captureContext)
    demo.emulator.faults.inject('payments', { status: 400, times: 1 })
    expect((await demo.post(action, { transientToken: token })).status).toBe(502)
    const again = await demo.post(action, { transientToken: token })
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('ERR_FLEX_TOKEN_ALREADY_USED')
    expect(demo.authorizations()).toBe(1)
    // The checkout itself is still open: a new token (the customer types the card again) pays.
    const paid = await demo.post(action, {
      transientToken: await createMicroformToken(captureContext),
    })
    expect(paid.status).toBe(303)
    expect(demo.authorizations()).toBe(2)
  })

  it('fails closed when the storage fails: 503 on opening and on paying, nothing paid', async () => {
    const { storage, state } = createSwitchableStorage({ now: Date.now() })
    demo.reset({
      ...demo.functionsOn(storage),
      publicUrl: PUBLIC_URL,
      checkout: functions.checkout,
    })
    state.failing = true
    const closed = await demo.get('/checkout')
    expect(closed.status).toBe(503)
    expect(await closed.text()).toContain('ERR_FLEX_STORAGE_FAILED')
    state.failing = false
    const { action, captureContext } = await openCheckout()
    const token = await createMicroformToken(captureContext)
    state.failing = true
    const refused = await demo.post(action, { transientToken: token })
    expect(refused.status).toBe(503)
    expect(await refused.text()).toContain('ERR_FLEX_STORAGE_FAILED')
    expect(demo.authorizations()).toBe(0)
    state.failing = false
    expect((await demo.post(action, { transientToken: token })).status).toBe(303)
    expect(demo.authorizations()).toBe(1)
  })
})

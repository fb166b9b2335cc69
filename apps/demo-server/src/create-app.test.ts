import { type FlexEmulator, startFlexEmulator } from 'flex-emulator'
import type { TransientToken } from 'flex-types'
import { findSensitiveData, SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE } from 'test-utils'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApp, type DemoDeps } from './create-app.js'
import { createFlexFunctions } from './create-flex-functions.js'
import type { LogEntry } from './create-json-logger.js'
import { fieldSelectionQuery } from './field-selection.js'
import type { FlexFunctions } from './flex-functions.js'
import { shortenId } from './run-tokenization-flow.js'

type AppFunctions = FlexFunctions & Pick<DemoDeps, 'paymentsClient'>

const ORIGIN = 'http://demo.test'
const CARD_NUMBER = SENTINEL_CARD_NUMBERS[3] as string
const FULL_JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/
const NEXT_YEAR = String(new Date().getUTCFullYear() + 1)

let emulator: FlexEmulator
let functions: AppFunctions
let app: ReturnType<typeof buildApp>
const logs: LogEntry[] = []
const calls: string[] = []
const tokens: TransientToken[] = []

function buildApp(overrides: Partial<DemoDeps> = {}) {
  return createApp({
    ...functions,
    target: { kind: 'emulator', label: 'Emulator', origin: emulator.url },
    // `app.request('/path')` asks for http://localhost/path.
    allowedHosts: ['demo.test', 'localhost'],
    log: (entry) => logs.push(entry),
    ...overrides,
  })
}

function post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  })
}

// Post/redirect/get: the answer to the post is a 303 to the receipt, which lives at a GET URL.
async function follow(response: Response): Promise<Response> {
  expect(response.status).toBe(303)
  const location = response.headers.get('location') ?? ''
  expect(location).toMatch(/^\/receipts\/[0-9a-f]{20}$/)
  return app.request(`${ORIGIN}${location}`)
}

// The form without the amount fields only tokenizes: nothing is charged.
const TOKEN_ONLY = fieldSelectionQuery({
  required: [
    'paymentInformation.card.number',
    'paymentInformation.card.securityCode',
    'paymentInformation.card.expirationMonth',
    'paymentInformation.card.expirationYear',
  ],
  optional: ['orderInformation.billTo.firstName', 'orderInformation.billTo.email'],
})

const validCard = {
  'paymentInformation.card.number': CARD_NUMBER,
  'paymentInformation.card.securityCode': SENTINEL_SECURITY_CODE,
  'paymentInformation.card.expirationMonth': '12',
  'paymentInformation.card.expirationYear': NEXT_YEAR,
  'orderInformation.billTo.firstName': 'Ada',
  'orderInformation.billTo.email': 'ada@example.com',
}

function expectNothingSensitive(text: string): void {
  expect(findSensitiveData(text, [SENTINEL_SECURITY_CODE])).toEqual([])
  expect(text).not.toMatch(FULL_JWT)
  for (const token of tokens) expect(text).not.toContain(token.jti)
}

beforeAll(async () => {
  emulator = await startFlexEmulator({
    port: 0,
    host: '127.0.0.1',
    keyPool: { reuseKeys: true, size: 1 },
  })
  const real = createFlexFunctions({
    target: { origin: emulator.url },
    credentials: emulator.merchant,
    authentication: 'jwt',
    log: (entry) => logs.push(entry),
    inspectTransientToken: (jti) => emulator.inspectTransientToken(jti),
  })
  // Records which SDK calls ran, and keeps the tokens to check that the page never shows them.
  functions = {
    ...real,
    createSession: (fields) => {
      calls.push('createSession')
      return real.createSession(fields)
    },
    verifyTransientToken: async (jwt, captureContext) => {
      const token = await real.verifyTransientToken(jwt, captureContext)
      tokens.push(token)
      return token
    },
  }
})

afterAll(async () => {
  await emulator?.close()
})

beforeEach(() => {
  logs.length = 0
  calls.length = 0
  app = buildApp()
})

describe('GET /healthz', () => {
  it('answers ok with the kind of Flex target', async () => {
    const app = buildApp()
    const response = await app.request('/healthz')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok', flex: 'emulator' })
    expect(logs).toMatchObject([{ msg: 'request', method: 'GET', path: '/healthz', status: 200 }])
    logs.length = 0
    await app.request(`/${SENTINEL_CARD_NUMBERS[0]}`)
    expect(logs).toMatchObject([
      { msg: 'request', method: 'GET', path: '<other path>', status: 404 },
    ])
    expect(findSensitiveData(JSON.stringify(logs))).toEqual([])
  })
})

describe('request log', () => {
  it('names every registered route by its pattern, and no other path', async () => {
    const paths = [
      '/',
      '/fields',
      '/healthz',
      '/assets/styles.css',
      '/assets/countdown.js',
      '/favicon.ico',
      '/transactions',
    ]
    for (const path of [...paths, '/assets/other.js']) await app.request(path)
    await app.request(`/transactions/${SENTINEL_CARD_NUMBERS[0]}`)
    await app.request(`/receipts/${SENTINEL_CARD_NUMBERS[0]}`)
    expect(logs.map((entry) => entry.path)).toEqual([
      ...paths,
      '<other path>',
      '/transactions/:id',
      '/receipts/:id',
    ])
    expect(findSensitiveData(JSON.stringify(logs))).toEqual([])
  })
})

describe('GET /', () => {
  it('shows exactly the default fields, labelled, with strict security headers', async () => {
    const response = await buildApp().request('/')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    const html = await response.text()
    expect(html.startsWith('<!doctype html>')).toBe(true)
    const names = [...html.matchAll(/<(?:input|select)[^>]* name="([^"]+)"/g)].map((m) => m[1])
    const fields = [
      'paymentInformation.card.number',
      'paymentInformation.card.expirationMonth',
      'paymentInformation.card.expirationYear',
      'paymentInformation.card.securityCode',
      'orderInformation.amountDetails.totalAmount',
      'orderInformation.amountDetails.currency',
      'orderInformation.billTo.firstName',
      'orderInformation.billTo.lastName',
      'orderInformation.billTo.email',
    ]
    expect(names).toEqual([...fields, 'intent', 'intent'])
    expect(html).toMatch(/<input type="radio" name="intent" value="sale" checked=""/)
    expect(html).toContain('<button class="button button-primary" type="submit">Take payment')
    expect(html).toContain('<link rel="icon" href="/favicon.ico"')
    for (const name of fields) {
      const id = `field-${name?.replaceAll('.', '-')}`
      expect(html).toContain(`<label for="${id}">`)
      expect(html).toContain(`id="${id}"`)
    }
    expect(html).toMatch(/<input id="field-paymentInformation-card-number"[^>]* required=""/)
    expect(html).toMatch(/First name<span class="optional"> \(optional\)/)
    expect(html).not.toMatch(/<input id="field-orderInformation-billTo-email"[^>]* required/)
    expect(html).toContain('Emulator')
    expect(html).not.toContain('<script')
  })

  it('shows the fields of a custom selection', async () => {
    const query = fieldSelectionQuery({
      required: ['paymentInformation.card.number', 'orderInformation.amountDetails.totalAmount'],
      optional: ['orderInformation.shipTo.postalCode'],
    })
    const html = await (await buildApp().request(`/?${query}`)).text()
    const names = [...html.matchAll(/<(?:input|select)[^>]* name="([^"]+)"/g)].map((m) => m[1])
    expect(names).toEqual([
      'paymentInformation.card.number',
      'orderInformation.amountDetails.totalAmount',
      'orderInformation.shipTo.postalCode',
    ])
    expect(html).toContain(`action="/payments?${query.replaceAll('&', '&amp;')}"`)
    expect(html).toContain('<legend>Shipping details</legend>')
  })

  it('answers 400 with the picker for a bad selection', async () => {
    const response = await buildApp().request('/?paymentInformation.card.number=maybe')
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('Card number: choose required, optional or off')
  })

  it('reports unknown query fields instead of ignoring them, never echoing digits', async () => {
    const response = await app.request(
      `/?paymentInformation.card.number=required&amout=10&${SENTINEL_CARD_NUMBERS[0]}=x`,
    )
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('The address names an unknown field, amout: remove it')
    expect(html).toContain('The address names 1 unknown field(s) that cannot be shown')
    expect(findSensitiveData(html)).toEqual([])
    const alone = await app.request('/?utm_source=mail')
    expect(alone.status).toBe(400)
    expect(await alone.text()).toContain('unknown field, utm_source')
  })
})

describe('GET /fields', () => {
  it('offers all 31 fields with the current choice selected', async () => {
    const response = await buildApp().request('/fields')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html.match(/<select /g)).toHaveLength(31)
    expect(html).toMatch(
      /name="paymentInformation\.card\.number"><option value="required" selected="">/,
    )
    expect(html).toMatch(
      /name="orderInformation\.billTo\.email"><option value="required">Required<\/option><option value="optional" selected="">/,
    )
    expect(html).toContain('<form class="card" method="get" action="/">')
  })
})

describe('assets', () => {
  it('serves the stylesheet and the optional countdown script', async () => {
    const styles = await buildApp().request('/assets/styles.css')
    expect(styles.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(await styles.text()).toContain('.timeline')
    const script = await buildApp().request('/assets/countdown.js')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toContain('data-expires-at')
    const icon = await app.request('/favicon.ico')
    expect(icon.status).toBe(200)
    expect(icon.headers.get('content-type')).toBe('image/svg+xml')
    expect(await icon.text()).toMatch(/^<svg /)
  })

  it('answers 404 with a page for anything else', async () => {
    const response = await buildApp().request('/nope')
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('Page not found')
  })
})

describe('POST /payments without the amount fields: a token only', () => {
  it('runs the whole flow on the emulator, redirects, and shows only safe facts', async () => {
    const posted = await post(`/payments?${TOKEN_ONLY}`, validCard)
    expect(posted.headers.get('cache-control')).toBe('no-store')
    const response = await follow(posted)
    const html = await response.text()
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(html).toContain('<h1>Card tokenized</h1>')
    expect(html).toContain('No amount was collected, so nothing was charged')
    expect(html).toContain('Verified transient token')
    expect(html.match(/status status-ok/g)).toHaveLength(5)
    expect(html).toContain('Take the payment<span class="muted"> · not run')
    const token = tokens.at(-1)
    if (!token) throw new Error('no token was verified')
    expect(html).toContain(shortenId(token.jti))
    expect(html).toContain('•••• 0005')
    expect(html).toContain(emulator.inspectTransientToken(token.jti)?.maskedCard?.maskedNumber)
    expect(html).toContain('378282XXXXX0005')
    expect(html).toMatch(/data-expires-at="[^"]+">1[45]:\d\d<\/time>/)
    expect(html).toContain('RSA-OAEP-256 + A256GCM')
    expect(html).toContain('<script src="/assets/countdown.js" defer=""></script>')
    expect(html).toContain(`href="/?${TOKEN_ONLY.replaceAll('&', '&amp;')}"`)
    expectNothingSensitive(html)
    expect(logs.map((entry) => entry.msg)).toEqual([
      'flex call',
      'flex call',
      'payment form',
      'request',
      'request',
    ])
    expect(logs[2]).toMatchObject({ outcome: 'tokenized', token: shortenId(token.jti) })
    expect(logs[3]).toMatchObject({ method: 'POST', path: '/payments', status: 303 })
    expectNothingSensitive(JSON.stringify(logs))
    expect(JSON.stringify(logs)).not.toContain('Ada')
  })

  it('puts a Luhn failure on the card number field, before any call to Flex', async () => {
    const response = await post('/payments', {
      ...validCard,
      'orderInformation.amountDetails.totalAmount': '10.00',
      'orderInformation.amountDetails.currency': 'USD',
      'paymentInformation.card.number': '4111111111111112',
    })
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('Card number is not a valid card number')
    expect(html).toMatch(
      /<input id="field-paymentInformation-card-number" name="paymentInformation.card.number" required="" aria-invalid="true" aria-describedby="field-paymentInformation-card-number-error"/,
    )
    expect(html).toContain('href="#field-paymentInformation-card-number"')
    expect(html).not.toContain('4111111111111112')
    expect(html).not.toContain(SENTINEL_SECURITY_CODE)
    expect(html).toContain('value="Ada"')
    expect(html).toContain('value="10.00"')
    expect(calls).toEqual([])
    expect(logs[0]).toMatchObject({
      msg: 'payment form',
      outcome: 'invalid',
      issues: [{ path: 'paymentInformation.card.number', reason: 'luhn' }],
    })
    expect(JSON.stringify(logs)).not.toContain('4111111111111112')
  })

  it('lists every missing required field, in form order, and refuses fields outside the selection', async () => {
    const response = await post('/payments', {
      'orderInformation.shipTo.company': 'Acme',
      'orderInformation.amountDetails.totalAmount': '10.001',
      'orderInformation.amountDetails.currency': 'USD',
      'paymentInformation.card.number': '',
    })
    expect(response.status).toBe(422)
    const html = await response.text()
    const summary = html.slice(html.indexOf('error-summary-title'), html.indexOf('</ul>'))
    const order = [
      'Card number is required',
      'Expiry month is required',
      'Expiry year is required',
      'Security code is required',
      'Total amount must be an amount such as 49.99, with at most 2 decimals',
      'Shipping company is not collected by this capture context',
    ].map((text) => summary.indexOf(text))
    expect(order.every((index) => index >= 0)).toBe(true)
    expect(order).toEqual([...order].sort((left, right) => left - right))
    expect(calls).toEqual([])
  })

  it('puts the issues flex-jwe finds against the capture context on the form', async () => {
    // A session that asks for less than the form sends: the capture context, not the form, rules.
    app = buildApp({
      createSession: () =>
        functions.createSession({
          paymentInformation: {
            card: { number: {}, expirationMonth: {}, expirationYear: {} },
          },
        }),
    })
    const response = await post(`/payments?${TOKEN_ONLY}`, validCard)
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('Security code is not collected by this capture context')
    expect(calls).toEqual(['createSession'])
    expect(logs.find((entry) => entry.msg === 'payment form')).toMatchObject({
      outcome: 'invalid',
      steps: [
        { step: 'session', ok: true },
        { step: 'verify-capture-context', ok: true },
        { step: 'encrypt', ok: false },
      ],
    })
    expectNothingSensitive(html + JSON.stringify(logs))
  })

  it('shows which step failed, its hint, and keeps what was typed but the card', async () => {
    const wrong = createFlexFunctions({
      target: { origin: emulator.url },
      credentials: { ...emulator.merchant, sharedSecret: btoa('not the secret of this merchant') },
      authentication: 'http-signature',
      log: (entry) => logs.push(entry),
    })
    app = buildApp(wrong)
    const response = await post(`/payments?${TOKEN_ONLY}`, validCard)
    expect(response.status).toBe(502)
    const html = await response.text()
    expect(html).toContain('Create session failed: nothing was charged')
    expect(html).toContain('ERR_FLEX_AUTHENTICATION')
    expect(html).toContain('What to do: Check the three FLEX_* credential variables')
    expect(html).toMatch(/Correlation id: <code>[^<]+<\/code>/)
    expect(html).toContain('value="Ada"')
    expect(html).toContain('value="ada@example.com"')
    expect(html).toMatch(
      /<select id="field-paymentInformation-card-expirationMonth"[^>]*>.*<option value="12" selected="">/,
    )
    expect(html).not.toContain(CARD_NUMBER)
    expect(logs.find((entry) => entry.msg === 'payment form')).toMatchObject({
      outcome: 'failed',
      failedStep: 'session',
      code: 'ERR_FLEX_AUTHENTICATION',
    })
    expectNothingSensitive(html + JSON.stringify(logs))
  })

  it('shows the step that failed when Flex refuses the token request', async () => {
    const removeFault = emulator.faults.inject('tokens', { status: 400, times: 1 })
    try {
      const response = await post(`/payments?${TOKEN_ONLY}`, validCard)
      expect(response.status).toBe(502)
      const html = await response.text()
      expect(html).toContain('Create transient token failed')
      expect(html).toContain('ERR_FLEX_REQUEST_INVALID')
      expect(html).toContain('Reason: <code>EMULATOR_INJECTED_FAULT</code>')
      expectNothingSensitive(html + JSON.stringify(logs))
    } finally {
      removeFault()
    }
  })

  it('stops at the capture context when it has expired', async () => {
    emulator.clock.set(new Date(Date.now() - 20 * 60 * 1000))
    try {
      const response = await post(`/payments?${TOKEN_ONLY}`, validCard)
      expect(response.status).toBe(502)
      const html = await response.text()
      expect(html).toContain('Verify capture context failed')
      expect(html).toContain('ERR_FLEX_CAPTURE_CONTEXT_EXPIRED')
      expect(html).toContain('What to do: Submit again: a new session is created.')
      expectNothingSensitive(html + JSON.stringify(logs))
    } finally {
      emulator.clock.reset()
    }
  })

  it('refuses a form posted from another site', async () => {
    const response = await post('/payments', validCard, { origin: 'https://evil.example' })
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('The form must be sent from this site.')
    expect(calls).toEqual([])
  })

  it('refuses a body that is not a form, an oversized one, and an unknown intent', async () => {
    const json = await post('/payments', {}, { 'content-type': 'application/json' })
    expect(json.status).toBe(415)
    const large = await post('/payments', { filler: 'x'.repeat(20_000) })
    expect(large.status).toBe(413)
    const intent = await post('/payments', { ...validCard, intent: 'refund' })
    expect(intent.status).toBe(400)
    expect(await intent.text()).toContain('choose Authorize or Sale')
    expect(calls).toEqual([])
  })

  it('answers 404 for a receipt it does not keep', async () => {
    const response = await app.request('/receipts/0123456789abcdef0123')
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('This receipt is not kept (any more).')
  })
})

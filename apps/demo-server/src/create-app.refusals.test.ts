import { createMemoryStorage } from 'flex-jwt'
import type { CaptureContext } from 'flex-types'
import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE } from 'test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import { demoHosts } from './allow-hosts.js'
import { createApp, type DemoDeps } from './create-app.js'
import type { LogEntry } from './create-json-logger.js'
import { fieldSelectionQuery } from './field-selection.js'
import type { FlexFunctions } from './flex-functions.js'

const PORT = 3000
const LOOPBACK = `http://127.0.0.1:${PORT}`
const PUBLIC_URL = 'https://demo.example.com'
const ATTACKER = 'http://attacker.example'
const CARD_NUMBER = SENTINEL_CARD_NUMBERS[3] as string

const logs: LogEntry[] = []
const calls: string[] = []

// The flow's SDK calls, recorded; a test that gets this far proves the route ran.
const recorded: FlexFunctions = {
  createSession: async () => {
    calls.push('createSession')
    throw new TypeError('no Flex in this test')
  },
  verifyCaptureContext: () => Promise.reject(new Error('not reached')),
  encryptPaymentData: () => Promise.reject(new Error('not reached')),
  createTransientToken: () => Promise.reject(new Error('not reached')),
  saveCaptureContext: () => Promise.reject(new Error('not reached')),
  verifyTransientToken: () => Promise.reject(new Error('not reached')),
  consumeTransientToken: () => Promise.reject(new Error('not reached')),
}
const paymentsClient = {
  origin: 'http://127.0.0.1:4010',
  request: () => Promise.reject(new Error('not reached')),
}

function buildApp(overrides: Partial<DemoDeps> = {}) {
  return createApp({
    ...recorded,
    paymentsClient,
    storage: createMemoryStorage(),
    target: { kind: 'emulator', label: 'Emulator', origin: 'http://127.0.0.1:4010' },
    allowedHosts: demoHosts(PORT, PUBLIC_URL),
    publicUrl: PUBLIC_URL,
    log: (entry) => logs.push(entry),
    ...overrides,
  })
}

const card = {
  'paymentInformation.card.number': CARD_NUMBER,
  'paymentInformation.card.securityCode': SENTINEL_SECURITY_CODE,
  'paymentInformation.card.expirationMonth': '12',
  'paymentInformation.card.expirationYear': String(new Date().getUTCFullYear() + 1),
  'orderInformation.amountDetails.totalAmount': '10.00',
  'orderInformation.amountDetails.currency': 'USD',
}
// Without the amount fields the form only tokenizes: the flow ends after the token.
const TOKEN_ONLY = fieldSelectionQuery({
  required: [
    'paymentInformation.card.number',
    'paymentInformation.card.securityCode',
    'paymentInformation.card.expirationMonth',
    'paymentInformation.card.expirationYear',
  ],
  optional: [],
})

function postForm(
  url: string,
  headers: Record<string, string>,
  body: string = new URLSearchParams(card).toString(),
  overrides: Partial<DemoDeps> = {},
) {
  return buildApp(overrides).request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  })
}

beforeEach(() => {
  logs.length = 0
  calls.length = 0
})

describe('the Host allow-list', () => {
  it('refuses a DNS-rebound name with 421 before the form is read, even from its own origin', async () => {
    // What a rebound page sends: Host, Origin and Sec-Fetch-Site all agree with each other.
    const response = await postForm(`${ATTACKER}/payments`, {
      host: 'attacker.example',
      origin: ATTACKER,
      'sec-fetch-site': 'same-origin',
    })
    expect(response.status).toBe(421)
    const html = await response.text()
    expect(html).toContain('The request could not be handled')
    expect(html).toContain('This address is not one the demo answers on')
    expect(calls).toEqual([])
    expect(logs).toMatchObject([{ msg: 'request', method: 'POST', path: '/payments', status: 421 }])
  })

  it('refuses every route under another name, and a Host that disagrees with the URL', async () => {
    for (const path of ['/', '/fields', '/healthz', '/assets/styles.css', '/nope']) {
      expect((await buildApp().request(`${ATTACKER}${path}`)).status).toBe(421)
    }
    const mismatch = await buildApp().request(`${LOOPBACK}/healthz`, {
      headers: { host: 'attacker.example' },
    })
    expect(mismatch.status).toBe(421)
    const otherPort = await buildApp().request(`http://127.0.0.1:${PORT + 1}/healthz`)
    expect(otherPort.status).toBe(421)
  })

  it('answers on the loopback names with its port', async () => {
    for (const origin of [LOOPBACK, `http://localhost:${PORT}`, `http://[::1]:${PORT}`]) {
      const health = await buildApp().request(`${origin}/healthz`, {
        headers: { host: new URL(origin).host },
      })
      expect(health.status).toBe(200)
    }
    const response = await postForm(`${LOOPBACK}/payments`, {
      host: `127.0.0.1:${PORT}`,
      origin: LOOPBACK,
    })
    expect(response.status).toBe(500)
    expect(calls).toEqual(['createSession'])
  })

  it('answers on the configured public host, and takes a form posted from the public origin', async () => {
    // Behind a TLS proxy: the browser posts from https, the demo sees plain http.
    const response = await postForm('http://demo.example.com/payments', {
      host: 'demo.example.com',
      origin: PUBLIC_URL,
    })
    expect(response.status).toBe(500)
    expect(calls).toEqual(['createSession'])
    const withPort = await buildApp().request('http://demo.example.com:443/healthz')
    expect(withPort.status).toBe(200)
  })
})

describe('a form that cannot be read', () => {
  it.each([
    [
      'no boundary',
      'multipart/form-data',
      `--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1`,
    ],
    [
      'an unterminated part',
      'multipart/form-data; boundary=x',
      `--x\r\nContent-Disposition: form-data; name="paymentInformation.card.number"\r\n\r\n${CARD_NUMBER}`,
    ],
    ['a part without headers', 'multipart/form-data; boundary=x', '--x\r\ngarbage--x--'],
  ])('answers 400 with the page for a multipart body with %s', async (_, type, body) => {
    const response = await postForm(
      `${LOOPBACK}/payments`,
      { origin: LOOPBACK, 'content-type': type },
      body,
    )
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('The request could not be handled')
    expect(html).toContain('the form could not be read')
    expect(calls).toEqual([])
    expect(logs.map((entry) => entry.msg)).toEqual(['request'])
    expect(logs[0]).toMatchObject({ level: 'info', status: 400 })
    expectNoSensitiveData(html + JSON.stringify(logs), [SENTINEL_SECURITY_CODE])
  })
})

describe('an error that is not a Flex error', () => {
  const leaky = () =>
    new Error(`declined card ${CARD_NUMBER} cvv ${SENTINEL_SECURITY_CODE}`, {
      cause: new Error(CARD_NUMBER),
    })

  it('in a step: 500 with the generic step error, naming the error only', async () => {
    const response = await postForm(`${LOOPBACK}/payments`, { origin: LOOPBACK }, undefined, {
      createSession: async () => {
        calls.push('createSession')
        throw leaky()
      },
    })
    expect(response.status).toBe(500)
    const html = await response.text()
    expect(html).toContain('Create session failed')
    expect(html).toContain('<code>UNEXPECTED</code> unexpected Error')
    expect(html).not.toContain('declined')
    expect(logs.find((entry) => entry.msg === 'payment form')).toMatchObject({
      level: 'warn',
      outcome: 'failed',
      failedStep: 'session',
      code: 'UNEXPECTED',
    })
    expect(logs.at(-1)).toMatchObject({ msg: 'request', level: 'error', status: 500 })
    expectNoSensitiveData(html, [SENTINEL_SECURITY_CODE])
    expectNoSensitiveData(JSON.stringify(logs), [SENTINEL_SECURITY_CODE])
  })

  it("outside the steps: 500 with the page's generic error, no details", async () => {
    const url = `${LOOPBACK}/payments?${TOKEN_ONLY}`
    const {
      'orderInformation.amountDetails.totalAmount': _amount,
      'orderInformation.amountDetails.currency': _currency,
      ...cardOnly
    } = card
    const reference = 'tf_0123456789abcdef'
    const body = new URLSearchParams({ ...cardOnly, reference }).toString()
    const response = await postForm(url, { origin: LOOPBACK }, body, {
      // Every step succeeds; the emulator look-up after them throws.
      createSession: async () => 'capture-context',
      verifyCaptureContext: async () =>
        ({
          kid: 'k',
          type: 'gc',
          issuedAt: new Date(),
          expiresAt: new Date(),
          requiredFields: [],
          optionalFields: [],
          tokensUrl: 'http://127.0.0.1:4010/flex/v2/tokens',
        }) as unknown as CaptureContext,
      encryptPaymentData: async () => 'e30.a.b.c.d',
      createTransientToken: async () => 'transient-token',
      saveCaptureContext: async () => {},
      verifyTransientToken: async () =>
        ({ jti: 'token-id-0123456789', claims: { iss: 'Flex' }, reference }) as never,
      inspectTransientToken: () => {
        throw leaky()
      },
    })
    expect(response.status).toBe(500)
    const html = await response.text()
    expect(html).toContain('The request could not be handled')
    expect(html).toContain('Something went wrong.')
    expect(html).not.toContain('declined')
    expect(logs.find((entry) => entry.msg === 'unhandled error')).toEqual({
      level: 'error',
      msg: 'unhandled error',
      name: 'Error',
    })
    expectNoSensitiveData(html, [SENTINEL_SECURITY_CODE])
    expectNoSensitiveData(JSON.stringify(logs), [SENTINEL_SECURITY_CODE])
  })
})

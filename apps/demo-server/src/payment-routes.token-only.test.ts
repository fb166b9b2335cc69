import { SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { createFlexFunctions } from './create-flex-functions.js'
import { fieldSelectionQuery } from './field-selection.js'
import { expectNothingSensitive as expectNoCardData, useDemoHarness } from './test/demo-harness.js'
import { shortenId } from './tokenization-report.js'

const CARD_NUMBER = SENTINEL_CARD_NUMBERS[3] as string
const NEXT_YEAR = String(new Date().getUTCFullYear() + 1)
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

const demo = useDemoHarness()

function expectNothingSensitive(text: string): void {
  expectNoCardData(text)
  for (const token of demo.tokens) expect(text).not.toContain(token.jti)
}

describe('POST /payments without the amount fields: a token only', () => {
  it('runs the whole flow on the emulator, redirects, and shows only safe facts', async () => {
    const posted = await demo.post(`/payments?${TOKEN_ONLY}`, validCard)
    expect(posted.headers.get('cache-control')).toBe('no-store')
    const response = await demo.follow(posted)
    const html = await response.text()
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(html).toContain('<h1>Card tokenized</h1>')
    expect(html).toContain('No amount was collected, so nothing was charged')
    expect(html).toContain('Verified transient token')
    expect(html.match(/status status-ok/g)).toHaveLength(5)
    expect(html).toContain('Take the payment<span class="muted"> · not run')
    const token = demo.tokens.at(-1)
    if (!token) throw new Error('no token was verified')
    expect(html).toContain(shortenId(token.jti))
    expect(html).toContain('•••• 0005')
    expect(html).toContain(demo.emulator.inspectTransientToken(token.jti)?.maskedCard?.maskedNumber)
    expect(html).toContain('378282XXXXX0005')
    expect(html).toMatch(/data-expires-at="[^"]+">1[45]:\d\d<\/time>/)
    expect(html).toContain('RSA-OAEP-256 + A256GCM')
    expect(html).toContain('<script src="/assets/countdown.js" defer=""></script>')
    expect(html).toContain(`href="/?${TOKEN_ONLY.replaceAll('&', '&amp;')}"`)
    expectNothingSensitive(html)
    expect(demo.logs.map((entry) => entry.msg)).toEqual([
      'flex call',
      'flex call',
      'payment form',
      'request',
      'request',
    ])
    expect(demo.logs[2]).toMatchObject({ outcome: 'tokenized', token: shortenId(token.jti) })
    expect(demo.logs[3]).toMatchObject({ method: 'POST', path: '/payments', status: 303 })
    expectNothingSensitive(JSON.stringify(demo.logs))
    expect(JSON.stringify(demo.logs)).not.toContain('Ada')
  })

  it('puts a Luhn failure on the card number field, before any call to Flex', async () => {
    const response = await demo.post('/payments', {
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
    expect(demo.calls).toEqual([])
    expect(demo.logs[0]).toMatchObject({
      msg: 'payment form',
      outcome: 'invalid',
      issues: [{ path: 'paymentInformation.card.number', reason: 'luhn' }],
    })
    expect(JSON.stringify(demo.logs)).not.toContain('4111111111111112')
  })

  it('lists every missing required field, in form order, and refuses fields outside the selection', async () => {
    const response = await demo.post('/payments', {
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
    expect(demo.calls).toEqual([])
  })

  it('puts the issues flex-jwe finds against the capture context on the form', async () => {
    // A session that asks for less than the form sends: the capture context, not the form, rules.
    demo.reset({
      createSession: () =>
        demo.functions.createSession({
          paymentInformation: {
            card: { number: {}, expirationMonth: {}, expirationYear: {} },
          },
        }),
    })
    const response = await demo.post(`/payments?${TOKEN_ONLY}`, validCard)
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('Security code is not collected by this capture context')
    expect(demo.calls).toEqual(['createSession'])
    expect(demo.logs.find((entry) => entry.msg === 'payment form')).toMatchObject({
      outcome: 'invalid',
      steps: [
        { step: 'session', ok: true },
        { step: 'verify-capture-context', ok: true },
        { step: 'encrypt', ok: false },
      ],
    })
    expectNothingSensitive(html + JSON.stringify(demo.logs))
  })

  it('shows which step failed, its hint, and keeps what was typed but the card', async () => {
    const wrong = createFlexFunctions({
      target: { origin: demo.emulator.url },
      credentials: {
        ...demo.emulator.merchant,
        sharedSecret: btoa('not the shared secret of this merchant'),
      },
      authentication: 'http-signature',
      log: (entry) => demo.logs.push(entry),
    })
    demo.reset(wrong)
    const response = await demo.post(`/payments?${TOKEN_ONLY}`, validCard)
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
    expect(demo.logs.find((entry) => entry.msg === 'payment form')).toMatchObject({
      outcome: 'failed',
      failedStep: 'session',
      code: 'ERR_FLEX_AUTHENTICATION',
    })
    expectNothingSensitive(html + JSON.stringify(demo.logs))
  })

  it('shows the step that failed when Flex refuses the token request', async () => {
    const removeFault = demo.emulator.faults.inject('tokens', { status: 400, times: 1 })
    try {
      const response = await demo.post(`/payments?${TOKEN_ONLY}`, validCard)
      expect(response.status).toBe(502)
      const html = await response.text()
      expect(html).toContain('Create transient token failed')
      expect(html).toContain('ERR_FLEX_REQUEST_INVALID')
      expect(html).toContain('Reason: <code>EMULATOR_INJECTED_FAULT</code>')
      expectNothingSensitive(html + JSON.stringify(demo.logs))
    } finally {
      removeFault()
    }
  })

  it('stops at the capture context when it has expired', async () => {
    demo.emulator.clock.set(new Date(Date.now() - 20 * 60 * 1000))
    try {
      const response = await demo.post(`/payments?${TOKEN_ONLY}`, validCard)
      expect(response.status).toBe(502)
      const html = await response.text()
      expect(html).toContain('Verify capture context failed')
      expect(html).toContain('ERR_FLEX_CAPTURE_CONTEXT_EXPIRED')
      expect(html).toContain('What to do: Submit again: a new session is created.')
      expectNothingSensitive(html + JSON.stringify(demo.logs))
    } finally {
      demo.emulator.clock.reset()
    }
  })

  it('refuses a form posted from another site', async () => {
    const response = await demo.post('/payments', validCard, { origin: 'https://evil.example' })
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('The form must be sent from this site.')
    expect(demo.calls).toEqual([])
  })

  it('refuses a body that is not a form, an oversized one, and an unknown intent', async () => {
    const json = await demo.post('/payments', {}, { 'content-type': 'application/json' })
    expect(json.status).toBe(415)
    const large = await demo.post('/payments', { filler: 'x'.repeat(20_000) })
    expect(large.status).toBe(413)
    const intent = await demo.post('/payments', { ...validCard, intent: 'refund' })
    expect(intent.status).toBe(400)
    expect(await intent.text()).toContain('choose Authorize or Sale')
    expect(demo.calls).toEqual([])
  })

  it('answers 404 for a receipt it does not keep', async () => {
    const response = await demo.get('/receipts/0123456789abcdef0123')
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('This receipt is not kept (any more).')
  })
})

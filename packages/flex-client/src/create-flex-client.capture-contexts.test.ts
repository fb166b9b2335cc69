// createMicroformSession and createUnifiedCheckoutSession against the loopback stub that re-derives
// docs/protocol.md section 5: the route, the headers and the exact body bytes (section 15).
import { randomBytes } from 'node:crypto'
import { FLEX_ERROR_CODES, FlexValidationError } from 'flex-types'
import { expectNoSensitiveData, renderThrown } from 'test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createFlexClient,
  type FlexClientOptions,
  type FlexRequestEvent,
  FlexUnexpectedResponseError,
  isUsageError,
  type UnifiedCheckoutSessionOptions,
} from './index.js'
import { type CapturedRequest, STUB_JWT, startMerchantStub } from './test/merchant-stub.js'

const merchant = {
  merchantId: 'stub_merchant',
  keyId: '5f0c8a34-0f1e-4c55-8d2e-3b1a7c9d2e40',
  sharedSecret: randomBytes(32).toString('base64'),
}
let stub: Awaited<ReturnType<typeof startMerchantStub>>

function client(overrides: Partial<FlexClientOptions> = {}) {
  return createFlexClient({
    origin: stub.server.url,
    credentials: merchant,
    ...overrides,
  } as FlexClientOptions)
}

function lastRequest(): CapturedRequest {
  const request = stub.received.at(-1)
  if (!request) throw new Error('no request received')
  return request
}

const UNIFIED_CHECKOUT: UnifiedCheckoutSessionOptions = {
  targetOrigins: ['https://shop.example'],
  allowedCardNetworks: ['VISA', 'MASTERCARD'],
  allowedPaymentTypes: ['PANENTRY', 'CLICKTOPAY'],
  country: 'US',
  locale: 'en_US',
  amount: '21.00',
  currency: 'USD',
}

beforeAll(async () => {
  stub = await startMerchantStub(merchant, (request, response) => {
    if (request.headers['x-test-answer'] !== 'json') return false
    response.writeHead(201, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ captureContext: STUB_JWT }))
    return true
  })
})

afterAll(async () => {
  await stub.server.close()
})

describe('createMicroformSession', () => {
  it.each(['jwt', 'http-signature'] as const)(
    'posts the exact body to /microform/v2/sessions with %s authentication',
    async (authentication) => {
      const jwt = await client({ authentication }).createMicroformSession({
        targetOrigins: ['https://shop.example', 'http://localhost:3000'],
        allowedCardNetworks: ['VISA', 'MASTERCARD', 'AMEX'],
        allowedPaymentTypes: ['CARD'],
        clientVersion: 'v2.0',
        transientTokenResponseOptions: { includeCardPrefix: false },
      })
      expect(jwt).toBe(STUB_JWT)
      const request = lastRequest()
      expect(request).toMatchObject({
        method: 'POST',
        url: '/microform/v2/sessions',
        problem: undefined,
      })
      expect(request.headers['content-type']).toBe('application/json;charset=utf-8')
      expect(request.headers.accept).toBe('application/jwt')
      expect(request.body).toBe(
        '{"clientVersion":"v2.0","targetOrigins":["https://shop.example","http://localhost:3000"],' +
          '"allowedCardNetworks":["VISA","MASTERCARD","AMEX"],"allowedPaymentTypes":["CARD"],' +
          '"transientTokenResponseOptions":{"includeCardPrefix":false}}',
      )
    },
  )

  it('leaves out what was not given', async () => {
    await client().createMicroformSession({ targetOrigins: ['https://shop.example'] })
    expect(lastRequest().body).toBe('{"targetOrigins":["https://shop.example"]}')
  })

  it('names its operation in the hook events', async () => {
    const events: FlexRequestEvent[] = []
    await client({
      hooks: { beforeRequest: (event) => events.push(event) },
    }).createMicroformSession({ targetOrigins: ['https://shop.example'] })
    expect(events.map((event) => event.operation)).toEqual(['createMicroformSession'])
  })

  it('refuses a bad origin by its index and sends nothing', async () => {
    const before = stub.received.length
    const error = await client()
      .createMicroformSession({
        targetOrigins: ['https://shop.example', 'http://shop.example', 'https://shop.example/pay'],
      })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(FlexValidationError)
    expect(error).toMatchObject({
      code: FLEX_ERROR_CODES.SESSION_REQUEST_INVALID,
      issues: [
        { path: 'targetOrigins[1]', reason: 'not-allowed' },
        { path: 'targetOrigins[2]', reason: 'format' },
      ],
    })
    expect((error as Error).message).not.toContain('shop.example')
    expect(stub.received.length).toBe(before)
  })

  it('refuses an option it does not know, and one of the wrong type, as misuse', async () => {
    for (const options of [
      { targetOrigins: ['https://shop.example'], fields: [] },
      { targetOrigins: 'https://shop.example' },
      { targetOrigins: ['https://shop.example'], allowedCardNetworks: 'VISA' },
      {
        targetOrigins: ['https://shop.example'],
        transientTokenResponseOptions: { includeCardPrefix: 1 },
      },
      null,
    ]) {
      const error = await client()
        .createMicroformSession(options as never)
        .catch((caught: unknown) => caught)
      expect(isUsageError(error)).toBe(true)
    }
  })

  it('never JSON-parses the answer: a JSON body is an unexpected response', async () => {
    const refused = await createFlexClient({
      origin: stub.server.url,
      credentials: merchant,
      fetch: (input, init) => {
        const request = new Request(input, init)
        request.headers.set('x-test-answer', 'json')
        return fetch(request)
      },
    })
      .createMicroformSession({ targetOrigins: ['https://shop.example'] })
      .catch((caught: unknown) => caught)
    expect(refused).toBeInstanceOf(FlexUnexpectedResponseError)
    expectNoSensitiveData(renderThrown(refused), [STUB_JWT, merchant.sharedSecret])
  })
})

describe('createUnifiedCheckoutSession', () => {
  it('posts to /uc/v1/sessions with the amount in data.orderInformation.amountDetails', async () => {
    const jwt = await client().createUnifiedCheckoutSession({
      ...UNIFIED_CHECKOUT,
      clientVersion: '1.0',
      buttonType: 'PAY',
      captureMandate: { billingType: 'NONE', requestEmail: true },
      appearance: { theme: 'LIGHT' },
      data: { orderInformation: { billTo: { country: 'US' } } },
    })
    expect(jwt).toBe(STUB_JWT)
    const request = lastRequest()
    expect(request).toMatchObject({ method: 'POST', url: '/uc/v1/sessions', problem: undefined })
    expect(request.headers['content-type']).toBe('application/json;charset=utf-8')
    expect(request.headers.accept).toBe('application/jwt')
    expect(request.body).toBe(
      '{"clientVersion":"1.0","targetOrigins":["https://shop.example"],' +
        '"allowedCardNetworks":["VISA","MASTERCARD"],"allowedPaymentTypes":["PANENTRY","CLICKTOPAY"],' +
        '"country":"US","locale":"en_US","buttonType":"PAY",' +
        '"captureMandate":{"billingType":"NONE","requestEmail":true},"appearance":{"theme":"LIGHT"},' +
        '"data":{"orderInformation":{"billTo":{"country":"US"},' +
        '"amountDetails":{"totalAmount":"21.00","currency":"USD"}}}}',
    )
  })

  it.each([
    [{ amount: '21.001' }, 'amount', 'format'],
    [{ amount: '5.5', currency: 'JPY' }, 'amount', 'format'],
    [{ amount: '0.00' }, 'amount', 'out-of-range'],
    [{ currency: 'usd' }, 'currency', 'format'],
    [{ country: 'USA' }, 'country', 'format'],
    [{ locale: 'en-US' }, 'locale', 'format'],
    [{ targetOrigins: ['http://localhost:3000'] }, 'targetOrigins[0]', 'not-allowed'],
    [
      { targetOrigins: Array.from({ length: 8 }, (_, i) => `https://s${i}.example`) },
      'targetOrigins',
      'length',
    ],
    [{ allowedPaymentTypes: [] }, 'allowedPaymentTypes', 'required'],
    [{ allowedCardNetworks: ['VISA', 'visa'] }, 'allowedCardNetworks[1]', 'format'],
  ])('refuses %j: %s (%s), nothing sent', async (change, path, reason) => {
    const before = stub.received.length
    const error = await client()
      .createUnifiedCheckoutSession({ ...UNIFIED_CHECKOUT, ...change })
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({
      code: 'ERR_FLEX_SESSION_REQUEST_INVALID',
      issues: [{ path, reason }],
    })
    expect(stub.received.length).toBe(before)
  })

  it('takes the amount from one place only, and needs a body that is JSON', async () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    for (const change of [
      { data: { orderInformation: { amountDetails: { totalAmount: '1.00' } } } },
      { amount: 21 },
      { allowedPaymentTypes: undefined },
      { appearance: cyclic },
      { data: [] },
    ]) {
      const error = await client()
        .createUnifiedCheckoutSession({ ...UNIFIED_CHECKOUT, ...change } as never)
        .catch((caught: unknown) => caught)
      expect(isUsageError(error)).toBe(true)
    }
  })
})

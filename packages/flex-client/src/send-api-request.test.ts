import { randomBytes } from 'node:crypto'
import { FLEX_ERROR_CODES } from 'flex-types'
import {
  expectNoSensitiveData,
  type LoopbackServer,
  renderThrown,
  SENTINEL_CARD_NUMBERS,
  startLoopbackServer,
} from 'test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createFlexClient,
  type FlexClientOptions,
  FlexRequestError,
  type FlexRequestEvent,
  FlexTimeoutError,
  FlexUnexpectedResponseError,
} from './index.js'
import { MAX_RESPONSE_BYTES } from './read-response-text.js'
import { startMerchantStub } from './test/merchant-stub.js'

const merchant = {
  merchantId: 'request_merchant',
  keyId: '5f3c1d2e-0a4b-4c6d-8e9f-a1b2c3d4e5f6',
  sharedSecret: randomBytes(32).toString('base64'),
}
const PAYMENT = {
  clientReferenceInformation: { code: 'order-1', transactionId: 'a1b2c3' },
  orderInformation: { amountDetails: { totalAmount: '10.00', currency: 'USD' } },
}
const CREATED = { id: '7000000000000000000000', status: 'AUTHORIZED' }

let stub: Awaited<ReturnType<typeof startMerchantStub>>
let silent: LoopbackServer

beforeAll(async () => {
  stub = await startMerchantStub(merchant, (request, response) => {
    const answer = request.headers['x-test-answer']
    if (answer === 'empty') {
      response.writeHead(204, { 'v-c-correlation-id': 'stub-204' })
      response.end()
    } else if (answer === 'html') {
      response.writeHead(200, { 'content-type': 'text/html' })
      response.end(`<html>${SENTINEL_CARD_NUMBERS[0]}</html>`)
    } else if (answer === 'bad-json') {
      response.writeHead(201, { 'content-type': 'application/json' })
      response.end(`{"id":"${SENTINEL_CARD_NUMBERS[0]}"`)
    } else if (answer === 'huge') {
      response.writeHead(201, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ padding: 'x'.repeat(MAX_RESPONSE_BYTES) }))
    } else if (answer === 'invalid') {
      response.writeHead(400, { 'content-type': 'application/json' })
      response.end(
        JSON.stringify({
          status: 'INVALID_REQUEST',
          reason: 'MISSING_FIELD',
          message: 'Declined - The request is missing one or more fields',
          details: [{ field: 'orderInformation.billTo.country', reason: 'MISSING_FIELD' }],
        }),
      )
    } else {
      response.writeHead(201, {
        'content-type': 'application/hal+json;charset=utf-8',
        'v-c-correlation-id': 'stub-correlation',
      })
      response.end(JSON.stringify(CREATED))
    }
    return true
  })
  // Takes the request, never answers: the client's timeout or signal must end the call.
  silent = await startLoopbackServer(() => new Promise<void>(() => undefined))
})

afterAll(async () => {
  await stub.server.close()
  await silent.close()
})

function client(options: Partial<FlexClientOptions> = {}) {
  return createFlexClient({
    origin: stub.server.url,
    credentials: merchant,
    ...options,
  } as FlexClientOptions)
}

function answer(name: string): NonNullable<FlexClientOptions['fetch']> {
  return (input, init) => {
    const request = new Request(input, init)
    request.headers.set('x-test-answer', name)
    return fetch(request)
  }
}

describe.each(['jwt', 'http-signature'] as const)(
  'request with %s authentication',
  (authentication) => {
    it('sends a POST with the exact path and JSON body, authenticated, and reads the answer', async () => {
      const events: FlexRequestEvent[] = []
      const result = await client({
        authentication,
        hooks: { beforeRequest: (event) => events.push(event) },
      }).request({
        method: 'POST',
        path: '/pts/v2/payments',
        body: PAYMENT,
        operation: 'authorizePayment',
      })
      expect(result).toEqual({ status: 201, body: CREATED, correlationId: 'stub-correlation' })
      const received = stub.received.at(-1)
      expect(received).toMatchObject({
        method: 'POST',
        url: '/pts/v2/payments',
        body: JSON.stringify(PAYMENT),
        problem: undefined,
      })
      expect(received?.headers['content-type']).toBe('application/json;charset=utf-8')
      expect(received?.headers.accept).toBe('application/json')
      expect(events).toEqual([
        {
          operation: 'authorizePayment',
          method: 'POST',
          url: `${stub.server.url}/pts/v2/payments`,
          attempt: 1,
        },
      ])
    })

    it('sends a GET with no body and no digest, with its query signed', async () => {
      const path = '/tss/v2/transactions/7000000000000000000000?view=full'
      const events: FlexRequestEvent[] = []
      const result = await client({
        authentication,
        hooks: { beforeRequest: (event) => events.push(event) },
      }).request({ method: 'GET', path })
      expect(events).toEqual([
        {
          operation: 'request',
          method: 'GET',
          url: `${stub.server.url}/tss/v2/transactions/7000000000000000000000`,
          attempt: 1,
        },
      ])
      expect(result.body).toEqual(CREATED)
      const received = stub.received.at(-1)
      expect(received).toMatchObject({ method: 'GET', url: path, body: '', problem: undefined })
      expect(received?.headers['content-type']).toBeUndefined()
      expect(received?.headers.digest).toBeUndefined()
    })
  },
)

describe('request answers', () => {
  it('gives an undefined body for an empty 2xx', async () => {
    const result = await client({ fetch: answer('empty') }).request({
      method: 'DELETE',
      path: '/tms/v2/customers/1',
    })
    expect(result).toEqual({ status: 204, body: undefined, correlationId: 'stub-204' })
    expect(stub.received.at(-1)).toMatchObject({ method: 'DELETE', problem: undefined })
  })

  it.each(['html', 'bad-json', 'huge'])(
    'refuses a 2xx whose body is %s as an unexpected response, without its content',
    async (name) => {
      const error = await client({ fetch: answer(name) })
        .request({ method: 'POST', path: '/pts/v2/payments', body: PAYMENT })
        .catch((caught: unknown) => caught)
      expect(FlexUnexpectedResponseError.isInstance(error)).toBe(true)
      expect(error).toMatchObject({ code: FLEX_ERROR_CODES.UNEXPECTED_RESPONSE })
      expectNoSensitiveData(renderThrown(error))
    },
  )

  it('throws the typed 400 with its reason and fields', async () => {
    const error = await client({ fetch: answer('invalid') })
      .request({ method: 'POST', path: '/pts/v2/payments', body: PAYMENT })
      .catch((caught: unknown) => caught)
    expect(FlexRequestError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ code: FLEX_ERROR_CODES.REQUEST_INVALID, status: 400 })
  })

  it('refuses a body over 64 KiB before sending anything', async () => {
    const before = stub.server.requestCount()
    const error = await client()
      .request({ method: 'POST', path: '/pts/v2/payments', body: { x: 'y'.repeat(65_536) } })
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({ name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE' })
    expect((error as Error).message).toBe('request: body must be at most 65536 bytes as JSON')
    expect(stub.server.requestCount()).toBe(before)
  })

  it('ends a POST that gets no answer with a timeout, sent once', async () => {
    const before = silent.requestCount()
    const error = await createFlexClient({
      origin: silent.url,
      credentials: merchant,
      timeout: 300,
    })
      .request({ method: 'POST', path: '/pts/v2/payments', body: PAYMENT })
      .catch((caught: unknown) => caught)
    expect(FlexTimeoutError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ method: 'POST', path: '/pts/v2/payments', timeout: 300 })
    expect(silent.requestCount()).toBe(before + 1)
  })

  it('throws the abort reason when the signal aborts, and sends nothing when already aborted', async () => {
    const reason = new Error('caller gave up')
    const controller = new AbortController()
    const call = createFlexClient({ origin: silent.url, credentials: merchant })
      .request({ method: 'GET', path: '/pts/v2/payments/1', signal: controller.signal })
      .catch((caught: unknown) => caught)
    const before = silent.requestCount()
    const deadline = performance.now() + 10_000
    while (silent.requestCount() === before && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    controller.abort(reason)
    expect(await call).toBe(reason)
    expect(silent.requestCount()).toBe(before + 1)
    const again = await client()
      .request({ method: 'GET', path: '/pts/v2/payments/1', signal: controller.signal })
      .catch((caught: unknown) => caught)
    expect(again).toBe(reason)
    expect(silent.requestCount()).toBe(before + 1)
  })
})

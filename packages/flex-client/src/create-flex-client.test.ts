import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FLEX_ERROR_CODES, FlexValidationError } from 'flex-types'
import {
  createFakeFetch,
  expectNoSensitiveData,
  renderThrown,
  SENTINEL_CARD_NUMBERS,
  SENTINEL_SECURITY_CODE,
} from 'test-utils'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  createFlexClient,
  FlexAuthenticationError,
  type FlexClientOptions,
  FlexOriginNotAllowedError,
  FlexRequestError,
  type FlexResponseEvent,
  FlexTimeoutError,
  FlexUnexpectedResponseError,
} from './index.js'
import { type CapturedRequest, STUB_JWT, startMerchantStub } from './test/merchant-stub.js'

const merchant = {
  merchantId: 'stub_merchant',
  keyId: '08c94330-f618-42a3-b09d-e1e43be5efda',
  sharedSecret: randomBytes(32).toString('base64'),
}
const PAN = SENTINEL_CARD_NUMBERS[0] ?? ''
// A JWE-shaped body whose segments carry the sentinel PAN and security code in clear, so any
// echo of the request body into an error or a hook would be caught by the scan.
const SENTINEL_JWE = `eyJhbGciOiJSU0EtT0FFUC0yNTYifQ.${PAN}.${SENTINEL_SECURITY_CODE}.${SENTINEL_CARD_NUMBERS[1]}.tag`
const SESSION_FIELDS = [
  'paymentInformation.card.number',
  'paymentInformation.card.securityCode',
  { path: 'orderInformation.billTo.email', required: false },
] as const
const EXPECTED_BODY =
  '{"fields":{"paymentInformation":{"card":{"number":{"required":true},"securityCode":{"required":true}}},"orderInformation":{"billTo":{"email":{"required":false}}}}}'

let stub: Awaited<ReturnType<typeof startMerchantStub>>
const sensitive: string[] = [merchant.sharedSecret, SENTINEL_SECURITY_CODE]

function lastRequest(): CapturedRequest {
  const request = stub.received.at(-1)
  if (!request) throw new Error('no request received')
  const authorization = request.headers.authorization
  if (typeof authorization === 'string') sensitive.push(authorization.slice('Bearer '.length))
  if (typeof request.headers.signature === 'string') {
    sensitive.push(/signature="([^"]+)"$/.exec(request.headers.signature)?.[1] ?? '')
  }
  return request
}

function client(overrides: Partial<FlexClientOptions> = {}) {
  return createFlexClient({
    origin: stub.server.url,
    credentials: merchant,
    ...overrides,
  } as FlexClientOptions)
}

beforeAll(async () => {
  stub = await startMerchantStub(merchant, (request, response) => {
    if (request.url === '/flex/v2/tokens') {
      if (request.rawBody.toString('utf8') === SENTINEL_JWE) {
        response.writeHead(400, { 'content-type': 'application/json' })
        response.end(
          JSON.stringify({
            responseStatus: {
              status: 400,
              reason: 'CREATE_TOKEN_VALIDATION_SERVERSIDE',
              message: `card ${PAN} is invalid`,
              correlationId: 'corr-tokens-1',
              details: { location: 'captureData.number', message: PAN },
            },
          }),
        )
        return true
      }
      return false
    }
    if (request.headers['x-test-answer'] === 'redirect') {
      response.writeHead(307, { location: '/flex/v2/elsewhere' })
      response.end()
      return true
    }
    if (request.headers['x-test-answer'] === 'json') {
      response.writeHead(201, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ keyId: STUB_JWT }))
      return true
    }
    return false
  })
})

afterAll(async () => {
  await stub.server.close()
})

describe('createSession against a stub that re-derives docs/protocol.md section 5', () => {
  it.each(['jwt', 'http-signature'] as const)(
    'is accepted with %s authentication',
    async (scheme) => {
      const jwt = await client({ authentication: scheme }).createSession(SESSION_FIELDS)
      expect(jwt).toBe(STUB_JWT)
      const request = lastRequest()
      expect(request.problem).toBeUndefined()
      expect(request.method).toBe('POST')
      expect(request.url).toBe('/flex/v2/sessions')
      expect(request.body).toBe(EXPECTED_BODY)
      expect(request.headers['content-type']).toBe('application/json;charset=utf-8')
      expect(request.headers.accept).toBe('application/jwt')
      if (scheme === 'jwt') {
        expect(request.headers.signature).toBeUndefined()
        expect(request.headers.digest).toBeUndefined()
      } else {
        expect(request.headers.authorization).toBeUndefined()
        expect(request.headers.host).toBe(`127.0.0.1:${stub.server.port}`)
      }
    },
  )

  it('takes the nested SessionFields form and sends the same bytes', async () => {
    await client().createSession({
      paymentInformation: { card: { number: {}, securityCode: { required: true } } },
      orderInformation: { billTo: { email: { required: false } } },
    })
    expect(lastRequest().body).toBe(EXPECTED_BODY)
  })

  it('signs a fresh jti for every request', async () => {
    const session = client()
    await session.createSession(SESSION_FIELDS)
    const first = lastRequest().headers.authorization
    await session.createSession(SESSION_FIELDS)
    expect(lastRequest().headers.authorization).not.toBe(first)
  })

  it.each([
    ['the body', 'body', 'digest mismatch'],
    ['the bearer token', 'authorization', 'bad HMAC'],
    ['the signature', 'signature', 'bad signature'],
    ['the date', 'date', 'bad signature'],
    ['the digest header', 'digest', 'bad signature'],
  ] as const)('is refused when %s is off by one byte', async (_label, target, problem) => {
    const scheme = target === 'authorization' || target === 'body' ? 'jwt' : 'http-signature'
    const flip = (text: string, index: number) =>
      text.slice(0, index) + (text[index] === 'A' ? 'B' : 'A') + text.slice(index + 1)
    const tamper = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init)
      let body = await request.text()
      const headers = new Headers(request.headers)
      if (target === 'body') body = body.replace('"required":true', '"required":True')
      else {
        const value = headers.get(target) ?? ''
        const index = target === 'date' ? 5 : value.length - 3
        const otherHour = (hour: string) => (hour === '00:' ? '01:' : '00:')
        headers.set(
          target,
          target === 'date' ? value.replace(/\d\d:/, otherHour) : flip(value, index),
        )
      }
      return globalThis.fetch(request.url, { method: request.method, headers, body })
    }
    const error = await client({ authentication: scheme, fetch: tamper, retry: 0 })
      .createSession(SESSION_FIELDS)
      .catch((caught: unknown) => caught)
    expect(lastRequest().problem).toBe(problem)
    expect(FlexAuthenticationError.isInstance(error)).toBe(true)
  })

  it.each(['jwt', 'http-signature'] as const)(
    'gets the typed authentication error with a wrong secret (%s)',
    async (scheme) => {
      const wrong = randomBytes(32).toString('base64')
      sensitive.push(wrong)
      const error = await client({
        authentication: scheme,
        credentials: { ...merchant, sharedSecret: wrong },
      })
        .createSession(SESSION_FIELDS)
        .catch((caught: unknown) => caught)
      expect(lastRequest().problem).toMatch(/bad (HMAC|signature)/)
      expect(FlexAuthenticationError.isInstance(error)).toBe(true)
      expect(error).toMatchObject({
        code: FLEX_ERROR_CODES.AUTHENTICATION,
        status: 401,
        reason: 'AUTHENTICATION_FAILED',
        correlationId: 'stub-401',
      })
      expectNoSensitiveData(error, sensitive)
    },
  )

  it('says so in a coded error when a 201 answer is JSON instead of a JWT', async () => {
    const error = await createFlexClient({
      origin: stub.server.url,
      credentials: merchant,
      fetch: (input, init) => {
        const request = new Request(input, init)
        request.headers.set('x-test-answer', 'json')
        return globalThis.fetch(request)
      },
    })
      .createSession(SESSION_FIELDS)
      .catch((caught: unknown) => caught)
    expect(FlexUnexpectedResponseError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({
      code: FLEX_ERROR_CODES.UNEXPECTED_RESPONSE,
      status: 201,
      contentType: 'application/json',
    })
  })

  it('never follows a redirect', async () => {
    const before = stub.server.requestCount()
    const error = await client({
      fetch: (input, init) => {
        const request = new Request(input, init)
        request.headers.set('x-test-answer', 'redirect')
        return globalThis.fetch(request)
      },
    })
      .createSession(SESSION_FIELDS)
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: FLEX_ERROR_CODES.HTTP, status: 307 })
    expect(stub.server.requestCount()).toBe(before + 1)
  })

  it('refuses invalid fields with flex-types validation error and sends nothing', async () => {
    const before = stub.server.requestCount()
    const error = await client()
      .createSession(['paymentInformation.card.pin' as never])
      .catch((caught: unknown) => caught)
    expect(FlexValidationError.isInstance(error)).toBe(true)
    expect(stub.server.requestCount()).toBe(before)
  })
})

describe('createTransientToken', () => {
  const captureContext = () => ({ tokensUrl: `${stub.server.url}/flex/v2/tokens` })

  it('posts the JWE unchanged as application/jwt, without credentials', async () => {
    const jwe = 'eyJhbGciOiJSU0EtT0FFUC0yNTYifQ.a-b_c.aXY.Y2lwaGVy.dGFn'
    expect(await client().createTransientToken(captureContext(), jwe)).toBe(STUB_JWT)
    const request = lastRequest()
    expect(request.body).toBe(jwe)
    expect(request.headers['content-type']).toBe('application/jwt')
    expect(request.headers.accept).toBe('application/jwt')
    expect(request.headers.authorization).toBeUndefined()
    expect(request.headers.signature).toBeUndefined()
  })

  it.each([
    'https://evil.example/flex/v2/tokens',
    'http://127.0.0.1:1/flex/v2/tokens',
    'https://testflex.cybersource.com.evil.example/flex/v2/tokens',
    'not a url',
  ])('refuses a tokensUrl off the allow-list (%s) with zero requests', async (tokensUrl) => {
    const fetch = createFakeFetch(() => new Response(STUB_JWT, { status: 201 }))
    const error = await client({ fetch })
      .createTransientToken({ tokensUrl }, SENTINEL_JWE)
      .catch((caught: unknown) => caught)
    expect(FlexOriginNotAllowedError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ code: FLEX_ERROR_CODES.ORIGIN_NOT_ALLOWED })
    expect(fetch.requests).toHaveLength(0)
    expectNoSensitiveData(error, sensitive)
  })

  it.each([
    ['test', 'https://testflex.cybersource.com/flex/v2/tokens'],
    ['test', 'https://apitest.cybersource.com/flex/v2/tokens'],
    ['production', 'https://flex.cybersource.com/flex/v2/tokens'],
    ['production', 'https://api.cybersource.com/flex/v2/tokens'],
  ] as const)('allows the %s Flex origins (%s)', async (environment, tokensUrl) => {
    const fetch = createFakeFetch(
      () => new Response(STUB_JWT, { status: 201, headers: { 'content-type': 'application/jwt' } }),
    )
    const token = await createFlexClient({
      environment,
      credentials: merchant,
      fetch,
    }).createTransientToken({ tokensUrl }, 'a.b.c.d.e')
    expect(token).toBe(STUB_JWT)
    expect(fetch.requests.map((request) => request.url)).toEqual([tokensUrl])
  })

  it('refuses the test Flex origin for a production client', async () => {
    const fetch = createFakeFetch(() => new Response(STUB_JWT, { status: 201 }))
    const error = await createFlexClient({
      environment: 'production',
      credentials: merchant,
      fetch,
    })
      .createTransientToken(
        { tokensUrl: 'https://testflex.cybersource.com/flex/v2/tokens' },
        'a.b.c.d.e',
      )
      .catch((caught: unknown) => caught)
    expect(FlexOriginNotAllowedError.isInstance(error)).toBe(true)
    expect(fetch.requests).toHaveLength(0)
  })

  it('maps the responseStatus error form and never echoes the body, PAN or code', async () => {
    const events: unknown[] = []
    const error = await client({
      hooks: {
        beforeRequest: (event) => events.push(event),
        afterResponse: (event) => events.push(event),
      },
    })
      .createTransientToken(captureContext(), SENTINEL_JWE)
      .catch((caught: unknown) => caught)
    expect(FlexRequestError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({
      status: 400,
      reason: 'CREATE_TOKEN_VALIDATION_SERVERSIDE',
      correlationId: 'corr-tokens-1',
      fieldLocations: ['captureData.number'],
    })
    expectNoSensitiveData(error, [...sensitive, SENTINEL_JWE])
    expectNoSensitiveData(JSON.stringify(events), [...sensitive, SENTINEL_JWE])
    expect(events).toHaveLength(2)
  })
})

describe('hooks', () => {
  it('see method, URL, attempt, status, duration and correlation id, and nothing secret', async () => {
    const events: FlexResponseEvent[] = []
    const requests: unknown[] = []
    await client({
      hooks: {
        beforeRequest: (event) => requests.push(event),
        afterResponse: (event) => events.push(event),
      },
    }).createSession(SESSION_FIELDS)
    lastRequest()
    expect(requests).toEqual([
      {
        operation: 'createSession',
        method: 'POST',
        url: `${stub.server.url}/flex/v2/sessions`,
        attempt: 1,
      },
    ])
    expect(events).toEqual([
      {
        operation: 'createSession',
        method: 'POST',
        url: `${stub.server.url}/flex/v2/sessions`,
        attempt: 1,
        status: 201,
        duration: expect.any(Number),
        correlationId: 'stub-201',
      },
    ])
    const rendered = renderThrown([...requests, ...events])
    expectNoSensitiveData(rendered, sensitive)
    expect(rendered).not.toMatch(/bearer|signature|authorization/i)
  })

  it('cannot break a request by throwing', async () => {
    const jwt = await client({
      hooks: {
        beforeRequest: () => {
          throw new Error('observer bug')
        },
        afterResponse: () => {
          throw new Error('observer bug')
        },
      },
    }).createSession(SESSION_FIELDS)
    expect(jwt).toBe(STUB_JWT)
  })
})

describe('timeouts', () => {
  let silent: Server
  let silentUrl: string

  beforeAll(async () => {
    silent = createServer(() => {
      // never answers
    })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    silent.closeAllConnections()
    await new Promise((resolve) => silent.close(resolve))
  })

  // Real sockets and real time: the upper bounds are 10× the 500 ms timeout (a busy machine may
  // be slow, but never 30 s slow, the default timeout these tests tell apart).
  it('rejects a never-answering server in time with timeout: 500', {
    timeout: 20_000,
  }, async () => {
    const started = Date.now()
    const error = await createFlexClient({
      origin: silentUrl,
      credentials: merchant,
      timeout: 500,
      retry: 0,
    })
      .createSession(SESSION_FIELDS)
      .catch((caught: unknown) => caught)
    const elapsed = Date.now() - started
    expect(FlexTimeoutError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ code: FLEX_ERROR_CODES.TIMEOUT, timeout: 500 })
    expect(elapsed).toBeGreaterThanOrEqual(450)
    expect(elapsed).toBeLessThan(5_000)
    expectNoSensitiveData(error, sensitive)
  })

  it('times out a body that never finishes after the headers came', {
    timeout: 20_000,
  }, async () => {
    const trickle = createServer((_request, response) => {
      response.writeHead(201, { 'content-type': 'application/jwt' })
      response.write('eyJ')
    })
    await new Promise<void>((resolve) => trickle.listen(0, '127.0.0.1', resolve))
    const origin = `http://127.0.0.1:${(trickle.address() as AddressInfo).port}`
    try {
      const started = Date.now()
      const error = await createFlexClient({ origin, credentials: merchant, timeout: 500 })
        .createTransientToken({ tokensUrl: `${origin}/flex/v2/tokens` }, 'a.b.c.d.e')
        .catch((caught: unknown) => caught)
      expect(FlexTimeoutError.isInstance(error)).toBe(true)
      expect(Date.now() - started).toBeLessThan(5_000)
    } finally {
      trickle.closeAllConnections()
      await new Promise((resolve) => trickle.close(resolve))
    }
  })

  it('stops reading a success body past 64 KiB and says so, without holding it', {
    timeout: 20_000,
  }, async () => {
    // A flood with no content-length: chunks keep coming until the client cancels.
    const FLOOD_BYTES = 8 * 1_048_576
    let written = 0
    let cancelled = false
    const flood = createServer((_request, response) => {
      response.writeHead(201, { 'content-type': 'application/jwt' })
      const chunk = Buffer.alloc(16_384, 'A')
      const pump = () => {
        while (written < FLOOD_BYTES) {
          written += chunk.length
          if (!response.write(chunk)) {
            response.once('drain', pump)
            return
          }
        }
        response.end()
      }
      response.on('close', () => {
        cancelled = !response.writableFinished
      })
      pump()
    })
    await new Promise<void>((resolve) => flood.listen(0, '127.0.0.1', resolve))
    const origin = `http://127.0.0.1:${(flood.address() as AddressInfo).port}`
    try {
      const error = await createFlexClient({ origin, credentials: merchant })
        .createTransientToken({ tokensUrl: `${origin}/flex/v2/tokens` }, SENTINEL_JWE)
        .catch((caught: unknown) => caught)
      expect(FlexUnexpectedResponseError.isInstance(error)).toBe(true)
      expect(error).toMatchObject({ code: FLEX_ERROR_CODES.UNEXPECTED_RESPONSE, status: 201 })
      expect((error as Error).message).toContain('a body over 65536 bytes')
      await vi.waitFor(() => expect(cancelled).toBe(true), { timeout: 10_000 })
      expect(written).toBeLessThan(FLOOD_BYTES)
      expectNoSensitiveData(error, sensitive)
    } finally {
      flood.closeAllConnections()
      await new Promise((resolve) => flood.close(resolve))
    }
  })

  it('refuses a success body whose content-length is over 64 KiB before reading it', async () => {
    let pulled = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1
        controller.enqueue(new Uint8Array(1024))
      },
    })
    const fetch = createFakeFetch(
      () =>
        new Response(body, {
          status: 201,
          headers: { 'content-type': 'application/jwt', 'content-length': '70000' },
        }),
    )
    const error = await client({ fetch })
      .createSession(SESSION_FIELDS)
      .catch((caught: unknown) => caught)
    expect(FlexUnexpectedResponseError.isInstance(error)).toBe(true)
    expect((error as Error).message).toContain('a body over 65536 bytes')
    // Streams prime a chunk or two ahead; reading it through would take 69 pulls of 1 KiB.
    expect(pulled).toBeLessThan(8)
  })

  it('still accepts a JWT that is just under the limit', async () => {
    const padding = 'A'.repeat(65_536 - STUB_JWT.length)
    const [header = '', payload = '', signature = ''] = STUB_JWT.split('.')
    const large = `${header}.${payload}${padding}.${signature}`.slice(0, 65_536)
    const fetch = createFakeFetch(
      () => new Response(large, { status: 201, headers: { 'content-type': 'application/jwt' } }),
    )
    await expect(client({ fetch }).createSession(SESSION_FIELDS)).resolves.toBe(large)
  })

  it('maps an error status with a body over 64 KiB without reading its details', async () => {
    const fetch = createFakeFetch(
      () =>
        new Response(JSON.stringify({ reason: 'VALIDATION_ERROR', message: 'x'.repeat(70_000) }), {
          status: 400,
          headers: { 'content-type': 'application/json' },
        }),
    )
    const error = await client({ fetch, retry: 0 })
      .createSession(SESSION_FIELDS)
      .catch((caught: unknown) => caught)
    expect(FlexRequestError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ status: 400 })
    expect((error as { reason?: string }).reason).toBeUndefined()
  })

  it('does not retry a timed-out tokens POST (it may have been received)', {
    timeout: 20_000,
  }, async () => {
    let connections = 0
    const count = () => {
      connections += 1
    }
    silent.on('request', count)
    try {
      const attempts: number[] = []
      const started = Date.now()
      const error = await createFlexClient({
        origin: silentUrl,
        credentials: merchant,
        timeout: 500,
        hooks: { beforeRequest: (event) => attempts.push(event.attempt) },
      })
        .createTransientToken({ tokensUrl: `${silentUrl}/flex/v2/tokens` }, 'a.b.c.d.e')
        .catch((caught: unknown) => caught)
      expect(FlexTimeoutError.isInstance(error)).toBe(true)
      expect(Date.now() - started).toBeLessThan(5_000)
      // The call has settled, so no retry can follow; the one request reaches the server in time.
      expect(attempts).toEqual([1])
      await vi.waitFor(() => expect(connections).toBe(1), { timeout: 10_000 })
    } finally {
      silent.off('request', count)
    }
  })
})

describe('createFlexClient options', () => {
  const base = { origin: 'http://127.0.0.1:4010', credentials: merchant }

  it.each([
    [
      'credentials.sharedSecret',
      { ...base, credentials: { ...merchant, sharedSecret: 'not base64!' } },
    ],
    [
      'credentials.sharedSecret',
      { ...base, credentials: { ...merchant, sharedSecret: 'YWJj' + 'ZA' } },
    ],
    [
      'credentials.sharedSecret',
      { ...base, credentials: { ...merchant, sharedSecret: 'YWJjZB==' } },
    ],
    ['credentials.sharedSecret', { ...base, credentials: { ...merchant, sharedSecret: '' } }],
    ['credentials.merchantId', { ...base, credentials: { ...merchant, merchantId: '' } }],
    ['credentials.keyId', { ...base, credentials: { ...merchant, keyId: 'a"b' } }],
    ['credentials', { origin: base.origin }],
    ['environment', { environment: 'staging', credentials: merchant }],
    ['origin', { origin: 'http://example.com', credentials: merchant }],
    ['origin', { origin: 'http://localhost.example.com', credentials: merchant }],
    ['origin', { origin: 'https://user:pw@example.com', credentials: merchant }],
    ['origin', { origin: 'https://example.com/base', credentials: merchant }],
    ['origin', { credentials: merchant }],
    ['environment', { environment: 'test', origin: base.origin, credentials: merchant }],
    ['authentication', { ...base, authentication: 'oauth' }],
    ['timeout', { ...base, timeout: 0 }],
    ['timeout', { ...base, timeout: '30s' }],
    ['retry', { ...base, retry: -1 }],
    ['retry.limit', { ...base, retry: { limit: 11 } }],
    ['retry', { ...base, retry: { limits: 3 } }],
    ['timeout', { ...base, timeout: 2 ** 31 }],
    ['retry.maxRetryAfter', { ...base, retry: { maxRetryAfter: -5 } }],
    ['fetch', { ...base, fetch: 'fetch' }],
    ['hooks.afterResponse', { ...base, hooks: { afterResponse: 1 } }],
  ])('throws a usage error naming %s', (option, options) => {
    let thrown: unknown
    try {
      createFlexClient(options as unknown as FlexClientOptions)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(TypeError)
    expect(thrown).toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' })
    expect((thrown as Error).message).toMatch(/^createFlexClient: /)
    expect((thrown as Error).message).toContain(option)
    expectNoSensitiveData(thrown, [...sensitive, 'not base64!', 'YWJjZB=='])
  })

  it.each(['http://localhost:4010', 'http://127.0.0.2:4010', 'http://[::1]:4010'])(
    'accepts the loopback http origin %s',
    (origin) => {
      expect(createFlexClient({ origin, credentials: merchant }).origin).toBe(origin)
    },
  )

  it('never echoes a wrong secret', () => {
    const secret = 'c2VjcmV0LXNlY3JldC1zZWNyZXQ=!'
    expect(() =>
      createFlexClient({ ...base, credentials: { ...merchant, sharedSecret: secret } }),
    ).toThrowError(/^createFlexClient: credentials.sharedSecret must be canonical, padded base64$/)
  })

  it('exposes the API origin of an environment', () => {
    expect(createFlexClient({ environment: 'test', credentials: merchant }).origin).toBe(
      'https://apitest.cybersource.com',
    )
  })

  it('refuses a malformed JWE and a capture context without tokensUrl before any request', async () => {
    const fetch = createFakeFetch(() => new Response(STUB_JWT, { status: 201 }))
    const session = createFlexClient({ ...base, fetch })
    await expect(
      session.createTransientToken({ tokensUrl: `${base.origin}/flex/v2/tokens` }, 'a.b.c'),
    ).rejects.toMatchObject({
      name: 'TypeError',
      code: 'ERR_INVALID_ARG_VALUE',
      message: 'createTransientToken: jwe must be a compact JWE (five base64url segments)',
    })
    await expect(session.createTransientToken({} as never, 'a.b.c.d.e')).rejects.toMatchObject({
      code: 'ERR_INVALID_ARG_VALUE',
      message: expect.stringMatching(/^createTransientToken: captureContext.tokensUrl /),
    })
    await expect(session.createTransientToken(null as never, 'a.b.c.d.e')).rejects.toMatchObject({
      code: 'ERR_INVALID_ARG_VALUE',
    })
    expect(fetch.requests).toHaveLength(0)
  })
})

afterAll(() => {
  // Everything this file printed or threw has been scanned above; the sensitive list itself
  // must have collected the tokens and signatures the stub saw.
  expect(sensitive.length).toBeGreaterThan(4)
})

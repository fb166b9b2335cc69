import { FLEX_ERROR_CODES } from 'flex-types'
import { createFakeFetch, type FakeFetch, type RecordedRequest } from 'test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFlexClient, type FlexClientOptions, type FlexRequestEvent } from './index.js'

const merchant = {
  merchantId: 'retry_merchant',
  keyId: 'key-1',
  sharedSecret: 'c2hhcmVkLXNlY3JldC1mb3ItcmV0cnktdGVzdHMtMzI=',
}
const ORIGIN = 'http://127.0.0.1:4010'
const TOKENS_URL = `${ORIGIN}/flex/v2/tokens`
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJ4IjoxfQ.c2ln'
const JWE = 'a.b.c.d.e'

function created(): Response {
  return new Response(JWT, { status: 201, headers: { 'content-type': 'application/jwt' } })
}

function status(code: number, headers: Record<string, string> = {}): Response {
  return new Response('{"reason":"X"}', {
    status: code,
    headers: { 'content-type': 'application/json', ...headers },
  })
}

function networkError(code: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) })
}

function client(
  fetch: FakeFetch | FlexClientOptions['fetch'],
  options: Partial<FlexClientOptions> = {},
) {
  return createFlexClient({
    origin: ORIGIN,
    credentials: merchant,
    fetch,
    ...options,
  } as FlexClientOptions)
}

/**
 * Watches a call. `settled()` waits in real time (≤ 2 s) for it to end, then gives its value or
 * error: the last response body is read through streams after the fake clock has done its part.
 */
function settle<T>(promise: Promise<T>): {
  settled: () => Promise<T | unknown>
  done: () => boolean
} {
  let settled = false
  let value: unknown
  promise.then(
    (resolved) => {
      settled = true
      value = resolved
    },
    (error: unknown) => {
      settled = true
      value = error
    },
  )
  return {
    settled: async () => {
      for (let waited = 0; waited < 400 && !settled; waited += 1) await pause()
      return value
    },
    done: () => settled,
  }
}

// WebCrypto signs on the thread pool, outside fake time: let real I/O settle around every step
// of the fake clock, so a retry timer is always scheduled before the clock moves past it.
const realSetTimeout = globalThis.setTimeout
const pause = () => new Promise((resolve) => realSetTimeout(resolve, 5))

async function advance(milliseconds: number): Promise<void> {
  await pause()
  await vi.advanceTimersByTimeAsync(milliseconds)
  await pause()
}

/** Waits in real time (≤ 2 s) for the fake fetch to have seen `count` requests. */
async function untilRequests(
  fetch: FakeFetch | { requests: unknown[] },
  count: number,
): Promise<void> {
  for (let waited = 0; waited < 400 && fetch.requests.length < count; waited += 1) await pause()
}

async function runFor(milliseconds: number, step = 1_000): Promise<void> {
  for (let elapsed = 0; elapsed < milliseconds; elapsed += step) {
    await advance(Math.min(step, milliseconds - elapsed))
  }
}

function claims(request: RecordedRequest): Record<string, unknown> {
  const token = request.headers.get('authorization')?.split('.')[1] ?? ''
  return JSON.parse(atob(token.replace(/-/g, '+').replace(/_/g, '/')))
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  vi.setSystemTime(new Date('2026-03-01T12:00:00Z'))
  // Jitter draws from Math.random: 0 means the lower bound, half the backoff.
  vi.spyOn(Math, 'random').mockReturnValue(0)
})

afterEach(() => {
  vi.useRealTimers()
})

describe('createSession retries', () => {
  it.each([408, 429, 502, 503, 504])(
    'retries %i with jittered exponential backoff',
    async (code) => {
      const fetch = createFakeFetch((_request, index) => (index < 2 ? status(code) : created()))
      const events: FlexRequestEvent[] = []
      const call = settle(
        client(fetch, { hooks: { beforeRequest: (event) => events.push(event) } }).createSession([
          'paymentInformation.card.number',
        ]),
      )
      await untilRequests(fetch, 1)
      await untilRequests(fetch, 1)
      await advance(0)
      expect(fetch.requests).toHaveLength(1)
      // First backoff: 300 ms, jittered to [150, 300).
      await advance(149)
      expect(fetch.requests).toHaveLength(1)
      await advance(1)
      await untilRequests(fetch, 2)
      expect(fetch.requests).toHaveLength(2)
      // Second backoff: 600 ms, jittered to [300, 600).
      await advance(299)
      expect(fetch.requests).toHaveLength(2)
      await advance(1)
      await untilRequests(fetch, 3)
      expect(fetch.requests).toHaveLength(3)
      expect(await call.settled()).toBe(JWT)
      expect(events.map((event) => event.attempt)).toEqual([1, 2, 3])
    },
  )

  it('re-signs every attempt: a fresh jti and the current iat', async () => {
    const fetch = createFakeFetch((_request, index) => (index < 1 ? status(503) : created()))
    const call = settle(client(fetch).createSession(['paymentInformation.card.number']))
    await untilRequests(fetch, 1)
    await runFor(1_000)
    expect(await call.settled()).toBe(JWT)
    const [first, second] = fetch.requests.map(claims)
    expect(first?.jti).not.toBe(second?.jti)
    expect(Number(second?.iat) - Number(first?.iat)).toBe(0)
    expect(fetch.requests[0]?.body).toBe(fetch.requests[1]?.body)
  })

  it.each([400, 401, 403, 404, 409, 422, 500, 501])('does not retry %i', async (code) => {
    const fetch = createFakeFetch(() => status(code))
    const call = settle(client(fetch).createSession(['paymentInformation.card.number']))
    await untilRequests(fetch, 1)
    await runFor(12_000, 4_000)
    expect(fetch.requests).toHaveLength(1)
    expect(await call.settled()).toMatchObject({ status: code })
  })

  it('gives up after the default two retries with the typed error', async () => {
    const fetch = createFakeFetch(() => status(503, { 'v-c-correlation-id': 'corr-503' }))
    const call = settle(client(fetch).createSession(['paymentInformation.card.number']))
    await untilRequests(fetch, 1)
    await runFor(12_000, 4_000)
    expect(fetch.requests).toHaveLength(3)
    expect(await call.settled()).toMatchObject({
      code: FLEX_ERROR_CODES.SERVER,
      status: 503,
      correlationId: 'corr-503',
    })
  })

  it('honours Retry-After on 429 without jitter', async () => {
    const fetch = createFakeFetch((_request, index) =>
      index < 1 ? status(429, { 'retry-after': '3' }) : created(),
    )
    const call = settle(client(fetch).createSession(['paymentInformation.card.number']))
    await untilRequests(fetch, 1)
    await runFor(2_999)
    expect(fetch.requests).toHaveLength(1)
    await advance(1)
    await untilRequests(fetch, 2)
    expect(fetch.requests).toHaveLength(2)
    expect(await call.settled()).toBe(JWT)
  })

  it('caps a long Retry-After at retry.maxRetryAfter', async () => {
    const fetch = createFakeFetch((_request, index) =>
      index < 1 ? status(429, { 'retry-after': '3600' }) : created(),
    )
    const call = settle(
      client(fetch, { retry: { maxRetryAfter: 2_000 } }).createSession([
        'paymentInformation.card.number',
      ]),
    )
    await untilRequests(fetch, 1)
    await runFor(1_999)
    expect(fetch.requests).toHaveLength(1)
    await advance(1)
    await untilRequests(fetch, 2)
    expect(fetch.requests).toHaveLength(2)
    expect(await call.settled()).toBe(JWT)
  })

  it('reports retryAfter when the rate limit outlasts the retries', async () => {
    const fetch = createFakeFetch(() => status(429, { 'retry-after': '1' }))
    const call = settle(client(fetch).createSession(['paymentInformation.card.number']))
    await untilRequests(fetch, 1)
    await runFor(10_000, 2_000)
    expect(fetch.requests).toHaveLength(3)
    expect(await call.settled()).toMatchObject({
      code: FLEX_ERROR_CODES.RATE_LIMITED,
      retryAfter: 1,
    })
  })

  it('retries network errors, then reports a network error', async () => {
    const fetch = createFakeFetch(() => {
      throw networkError('ECONNRESET')
    })
    const call = settle(
      client(fetch, { retry: 1 }).createSession(['paymentInformation.card.number']),
    )
    await untilRequests(fetch, 1)
    await runFor(10_000, 2_000)
    expect(fetch.requests).toHaveLength(2)
    expect(await call.settled()).toMatchObject({
      code: FLEX_ERROR_CODES.NETWORK,
      path: '/flex/v2/sessions',
    })
  })

  it('times out each attempt and retries, then reports a timeout', async () => {
    const seen: number[] = []
    const hang: FlexClientOptions['fetch'] = (input, init) =>
      new Promise((_resolve, reject) => {
        seen.push(Date.now())
        const signal = input instanceof Request ? input.signal : init?.signal
        signal?.addEventListener('abort', () => reject(signal.reason))
      })
    const call = settle(
      client(hang, { timeout: 1_000 }).createSession(['paymentInformation.card.number']),
    )
    await untilRequests({ requests: seen }, 1)
    await advance(999)
    expect(call.done()).toBe(false)
    await runFor(10_000, 2_000)
    expect(seen).toHaveLength(3)
    expect(await call.settled()).toMatchObject({ code: FLEX_ERROR_CODES.TIMEOUT, timeout: 1_000 })
  })

  it('sends one request with retry: 0', async () => {
    const fetch = createFakeFetch(() => status(503))
    const call = settle(
      client(fetch, { retry: 0 }).createSession(['paymentInformation.card.number']),
    )
    await untilRequests(fetch, 1)
    await runFor(10_000, 2_000)
    expect(fetch.requests).toHaveLength(1)
    expect(await call.settled()).toMatchObject({ code: FLEX_ERROR_CODES.SERVER })
  })
})

describe('createTransientToken retries (each arrival may use up the capture context)', () => {
  it('retries 503, honouring Retry-After', async () => {
    const fetch = createFakeFetch((_request, index) =>
      index < 1 ? status(503, { 'retry-after': '2' }) : created(),
    )
    const call = settle(client(fetch).createTransientToken({ tokensUrl: TOKENS_URL }, JWE))
    await untilRequests(fetch, 1)
    await runFor(1_999)
    expect(fetch.requests).toHaveLength(1)
    await advance(1)
    await untilRequests(fetch, 2)
    expect(fetch.requests).toHaveLength(2)
    expect(await call.settled()).toBe(JWT)
    expect(fetch.requests.map((request) => request.body)).toEqual([JWE, JWE])
  })

  it.each([408, 429, 500, 502, 504])('does not retry %i', async (code) => {
    const fetch = createFakeFetch(() => status(code))
    const call = settle(client(fetch).createTransientToken({ tokensUrl: TOKENS_URL }, JWE))
    await untilRequests(fetch, 1)
    await runFor(12_000, 4_000)
    expect(fetch.requests).toHaveLength(1)
    expect(await call.settled()).toMatchObject({ status: code })
  })

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])(
    'retries a network error that shows no connection was made (%s)',
    async (code) => {
      const fetch = createFakeFetch((_request, index) => {
        if (index < 1) throw networkError(code)
        return created()
      })
      const call = settle(client(fetch).createTransientToken({ tokensUrl: TOKENS_URL }, JWE))
      await untilRequests(fetch, 1)
      await runFor(1_000)
      expect(fetch.requests).toHaveLength(2)
      expect(await call.settled()).toBe(JWT)
    },
  )

  it.each(['ECONNRESET', 'UND_ERR_SOCKET', undefined])(
    'does not retry a network error after connecting (%s)',
    async (code) => {
      const fetch = createFakeFetch(() => {
        throw code ? networkError(code) : new TypeError('fetch failed')
      })
      const call = settle(client(fetch).createTransientToken({ tokensUrl: TOKENS_URL }, JWE))
      await untilRequests(fetch, 1)
      await runFor(10_000, 2_000)
      expect(fetch.requests).toHaveLength(1)
      expect(await call.settled()).toMatchObject({ code: FLEX_ERROR_CODES.NETWORK })
    },
  )
})

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

// WebCrypto signs on its thread pool, outside fake time: a test waits in real time for a state
// (a request seen, a timer pending, the call settled), never for a fixed time. The bound is only
// there to fail with a message instead of hanging; it is far beyond any signing on a busy machine.
const realSetTimeout = globalThis.setTimeout
const WAIT_LIMIT_MS = 10_000

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + WAIT_LIMIT_MS
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`still waiting for ${what}`)
    await new Promise((resolve) => realSetTimeout(resolve, 1))
  }
}

/** Watches a call: `done()` says whether it settled, `settled()` waits for its value or error. */
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
      await until(() => settled, 'the call to settle')
      return value
    },
    done: () => settled,
  }
}

/**
 * Moves the fake clock. `advanceTimersByTimeAsync` first yields to the event loop, so whatever a
 * fake answer set in motion (all promise callbacks) has scheduled its timers before time moves.
 */
async function advance(milliseconds: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(milliseconds)
}

/** Waits for the fake fetch to have seen `count` requests. */
async function untilRequests(
  fetch: FakeFetch | { requests: unknown[] },
  count: number,
): Promise<void> {
  await until(() => fetch.requests.length >= count, `${count} requests`)
}

/**
 * Checks that attempt `seen + 1` waits exactly `delay` ms of fake time: none at `delay - 1`, one
 * at `delay`.
 */
async function expectNextAttemptAfter(fetch: FakeFetch, seen: number, delay: number) {
  await advance(delay - 1)
  expect(fetch.requests).toHaveLength(seen)
  await advance(1)
  await untilRequests(fetch, seen + 1)
  expect(fetch.requests).toHaveLength(seen + 1)
}

/**
 * Fires the pending fake timers one at a time (backoffs, attempt timeouts) until the call
 * settles, waiting between them for the signing of the next attempt: as many retries happen as
 * the policy allows, however slow the machine, and none is cut off by a fixed time window.
 */
async function runToEnd(call: ReturnType<typeof settle>): Promise<unknown> {
  while (!call.done()) {
    await until(() => call.done() || vi.getTimerCount() > 0, 'a pending timer or the end')
    if (!call.done()) await vi.advanceTimersToNextTimerAsync()
  }
  return call.settled()
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
      await advance(0)
      expect(fetch.requests).toHaveLength(1)
      // First backoff: 300 ms, jittered to [150, 300).
      await expectNextAttemptAfter(fetch, 1, 150)
      // Second backoff: 600 ms, jittered to [300, 600).
      await expectNextAttemptAfter(fetch, 2, 300)
      expect(await call.settled()).toBe(JWT)
      expect(events.map((event) => event.attempt)).toEqual([1, 2, 3])
    },
  )

  it('re-signs every attempt: a fresh jti and the current iat', async () => {
    const fetch = createFakeFetch((_request, index) => (index < 1 ? status(503) : created()))
    const call = settle(client(fetch).createSession(['paymentInformation.card.number']))
    await untilRequests(fetch, 1)
    expect(await runToEnd(call)).toBe(JWT)
    const [first, second] = fetch.requests.map(claims)
    expect(first?.jti).not.toBe(second?.jti)
    expect(Number(second?.iat) - Number(first?.iat)).toBe(0)
    expect(fetch.requests[0]?.body).toBe(fetch.requests[1]?.body)
  })

  it.each([400, 401, 403, 404, 409, 422, 500, 501])('does not retry %i', async (code) => {
    const fetch = createFakeFetch(() => status(code))
    const call = settle(client(fetch).createSession(['paymentInformation.card.number']))
    await untilRequests(fetch, 1)
    const error = await runToEnd(call)
    expect(fetch.requests).toHaveLength(1)
    expect(error).toMatchObject({ status: code })
  })

  it('gives up after the default two retries with the typed error', async () => {
    const fetch = createFakeFetch(() => status(503, { 'v-c-correlation-id': 'corr-503' }))
    const call = settle(client(fetch).createSession(['paymentInformation.card.number']))
    await untilRequests(fetch, 1)
    const error = await runToEnd(call)
    expect(fetch.requests).toHaveLength(3)
    expect(error).toMatchObject({
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
    await expectNextAttemptAfter(fetch, 1, 3_000)
    expect(await call.settled()).toBe(JWT)
  })

  it.each([
    ['Retry-After: soon', { 'retry-after': 'soon' }],
    ['Retry-After: -5', { 'retry-after': '-5' }],
    ['Retry-After: 0.01', { 'retry-after': '0.01' }],
    ['only X-RateLimit-Reset: 3', { 'x-ratelimit-reset': '3' }],
    ['only RateLimit-Reset: 3', { 'ratelimit-reset': '3' }],
  ])(
    'waits the normal backoff when the wait is not a Retry-After it can read (%s)',
    async (_name, headers) => {
      const fetch = createFakeFetch((_request, index) =>
        index < 1 ? status(429, headers as Record<string, string>) : created(),
      )
      const call = settle(client(fetch).createSession(['paymentInformation.card.number']))
      await untilRequests(fetch, 1)
      await expectNextAttemptAfter(fetch, 1, 150)
      expect(await call.settled()).toBe(JWT)
    },
  )

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
    await expectNextAttemptAfter(fetch, 1, 2_000)
    expect(await call.settled()).toBe(JWT)
  })

  it('reports retryAfter when the rate limit outlasts the retries', async () => {
    const fetch = createFakeFetch(() => status(429, { 'retry-after': '1' }))
    const call = settle(client(fetch).createSession(['paymentInformation.card.number']))
    await untilRequests(fetch, 1)
    const error = await runToEnd(call)
    expect(fetch.requests).toHaveLength(3)
    expect(error).toMatchObject({
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
    const error = await runToEnd(call)
    expect(fetch.requests).toHaveLength(2)
    expect(error).toMatchObject({
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
    const error = await runToEnd(call)
    expect(seen).toHaveLength(3)
    expect(error).toMatchObject({ code: FLEX_ERROR_CODES.TIMEOUT, timeout: 1_000 })
  })

  it('sends one request with retry: 0', async () => {
    const fetch = createFakeFetch(() => status(503))
    const call = settle(
      client(fetch, { retry: 0 }).createSession(['paymentInformation.card.number']),
    )
    await untilRequests(fetch, 1)
    const error = await runToEnd(call)
    expect(fetch.requests).toHaveLength(1)
    expect(error).toMatchObject({ code: FLEX_ERROR_CODES.SERVER })
  })
})

describe('createTransientToken retries (each arrival may use up the capture context)', () => {
  it('retries 503, honouring Retry-After', async () => {
    const fetch = createFakeFetch((_request, index) =>
      index < 1 ? status(503, { 'retry-after': '2' }) : created(),
    )
    const call = settle(client(fetch).createTransientToken({ tokensUrl: TOKENS_URL }, JWE))
    await untilRequests(fetch, 1)
    await expectNextAttemptAfter(fetch, 1, 2_000)
    expect(await call.settled()).toBe(JWT)
    expect(fetch.requests.map((request) => request.body)).toEqual([JWE, JWE])
  })

  it.each([408, 429, 500, 502, 504])('does not retry %i', async (code) => {
    const fetch = createFakeFetch(() => status(code))
    const call = settle(client(fetch).createTransientToken({ tokensUrl: TOKENS_URL }, JWE))
    await untilRequests(fetch, 1)
    const error = await runToEnd(call)
    expect(fetch.requests).toHaveLength(1)
    expect(error).toMatchObject({ status: code })
  })

  it('does not retry a timed-out attempt (it may have been received)', async () => {
    const seen: number[] = []
    const hang: FlexClientOptions['fetch'] = (input, init) =>
      new Promise((_resolve, reject) => {
        seen.push(Date.now())
        const signal = input instanceof Request ? input.signal : init?.signal
        signal?.addEventListener('abort', () => reject(signal.reason))
      })
    const call = settle(
      client(hang, { timeout: 1_000 }).createTransientToken({ tokensUrl: TOKENS_URL }, JWE),
    )
    await untilRequests({ requests: seen }, 1)
    const error = await runToEnd(call)
    expect(seen).toHaveLength(1)
    expect(error).toMatchObject({ code: FLEX_ERROR_CODES.TIMEOUT, timeout: 1_000 })
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
      expect(await runToEnd(call)).toBe(JWT)
      expect(fetch.requests).toHaveLength(2)
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
      const error = await runToEnd(call)
      expect(fetch.requests).toHaveLength(1)
      expect(error).toMatchObject({ code: FLEX_ERROR_CODES.NETWORK })
    },
  )
})

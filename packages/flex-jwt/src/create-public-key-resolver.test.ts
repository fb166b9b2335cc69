import {
  createFakeFetch,
  generateRsaKeyPair,
  type RsaKeyPair,
  startLoopbackServer,
} from 'test-utils'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createPublicKeyResolver } from './create-public-key-resolver.js'
import { FlexVerificationError } from './errors.js'
import { createMapStorage } from './test/map-storage.js'
import { serveKeys, TEST_ORIGIN } from './test/tokens.js'

let key: RsaKeyPair
let other: RsaKeyPair
let jwk: Record<string, unknown>

beforeAll(async () => {
  ;[key, other] = await Promise.all([
    generateRsaKeyPair({ kid: 'zu' }),
    generateRsaKeyPair({ kid: 'zu' }),
  ])
  jwk = { kty: 'RSA', use: 'enc', ...key.publicJwk }
})

afterEach(() => {
  vi.useRealTimers()
})

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(FlexVerificationError.isInstance(error)).toBe(true)
  return (error as FlexVerificationError).reason
}

describe('createPublicKeyResolver options', () => {
  it.each([
    [{}, 'pass environment, origin or pinnedKeys'],
    [{ environment: 'staging' }, 'environment must be'],
    [{ environment: 'test', origin: TEST_ORIGIN }, 'not both'],
    [{ origin: 'http://example.com' }, 'https:'],
    [{ origin: 'https://example.com/path' }, 'scheme, host and port only'],
    [{ origin: 'https://user:pw@example.com' }, 'scheme, host and port only'],
    [{ origin: 'not a url' }, 'absolute URL'],
    [{ origin: TEST_ORIGIN, timeout: -1 }, 'timeout must be'],
    [{ origin: TEST_ORIGIN, fetch: 'no' }, 'fetch must be a function'],
    [{ origin: TEST_ORIGIN, cache: {} }, 'cache must have get, set, setIfAbsent and delete'],
  ])('refuses %j with a TypeError naming the option', (options, message) => {
    expect(() => createPublicKeyResolver(options as never)).toThrow(TypeError)
    expect(() => createPublicKeyResolver(options as never)).toThrow(message)
  })

  it('allows http: only for loopback origins and never echoes the origin', () => {
    for (const origin of ['http://127.0.0.1:4010', 'http://localhost:8080', 'http://[::1]:1']) {
      expect(() => createPublicKeyResolver({ origin })).not.toThrow()
    }
    expect(() => createPublicKeyResolver({ origin: 'http://10.0.0.1' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('10.0.0.1') }),
    )
  })

  it('fetches from the environment API origin with the encoded kid, redirect manual', async () => {
    const fetch = serveKeys({ zu: jwk })
    const resolve = createPublicKeyResolver({ environment: 'test', fetch })
    const resolved = await resolve('zu')
    expect(resolved.type).toBe('public')
    expect(resolved.algorithm).toMatchObject({
      name: 'RSASSA-PKCS1-v1_5',
      hash: { name: 'SHA-256' },
    })
    expect(fetch.requests.map((request) => request.url)).toEqual([
      'https://apitest.cybersource.com/flex/v2/public-keys/zu',
    ])
    const production = serveKeys({ 'a.b-c_d': { ...jwk, kid: 'a.b-c_d' } })
    await createPublicKeyResolver({ environment: 'production', fetch: production })('a.b-c_d')
    expect(production.requests[0]?.url).toBe(
      'https://api.cybersource.com/flex/v2/public-keys/a.b-c_d',
    )
  })

  it('passes redirect: manual and a signal to fetch', async () => {
    const spy = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => Response.json(jwk))
    await createPublicKeyResolver({ origin: TEST_ORIGIN, fetch: spy })('zu')
    expect(spy.mock.calls[0]?.[1]).toMatchObject({ method: 'GET', redirect: 'manual' })
    expect(spy.mock.calls[0]?.[1]?.signal).toBeInstanceOf(AbortSignal)
  })
})

describe('validation before import', () => {
  it.each([
    ['a served kid that differs from the asked kid', () => ({ ...jwk, kid: 'other' })],
    ['a served key without kid', () => ({ ...jwk, kid: undefined })],
    ['a private key', () => ({ ...key.privateJwk, kid: 'zu' })],
    ['e = 3', () => ({ ...jwk, e: 'Aw' })],
    ['an EC key', () => ({ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA', kid: 'zu' })],
    ['an alg other than RS256', () => ({ ...jwk, alg: 'PS256' })],
    ['key_ops without verify', () => ({ ...jwk, key_ops: ['encrypt'] })],
    ['a 1024-bit modulus', () => ({ ...jwk, n: (jwk.n as string).slice(0, 171) })],
  ])('refuses %s as key-invalid and remembers it', async (_name, make) => {
    const fetch = serveKeys({ zu: make() })
    const resolve = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch, currentDate: new Date() })
    expect(await reasonOf(resolve('zu'))).toBe('key-invalid')
    expect(await reasonOf(resolve('zu'))).toBe('key-invalid')
    expect(fetch.requests).toHaveLength(1)
  })

  it('refuses a body that is not JSON, or too large, as key-fetch-failed', async () => {
    for (const body of ['<html>', 'x'.repeat(40_000)]) {
      const fetch = createFakeFetch(() => new Response(body, { status: 200 }))
      const resolve = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch })
      expect(await reasonOf(resolve('zu'))).toBe('key-fetch-failed')
    }
  })
})

describe('caching', () => {
  it('imports once per kid and serves later calls from memory', async () => {
    const fetch = serveKeys({ zu: jwk })
    const importKey = vi.spyOn(crypto.subtle, 'importKey')
    try {
      const resolve = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch })
      const first = await resolve('zu')
      for (let index = 0; index < 20; index += 1) expect(await resolve('zu')).toBe(first)
      expect(fetch.requests).toHaveLength(1)
      expect(importKey).toHaveBeenCalledTimes(1)
    } finally {
      importKey.mockRestore()
    }
  })

  it('50 concurrent misses for one kid share exactly one request', async () => {
    const fetch = serveKeys({ zu: jwk })
    const resolve = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch })
    const resolved = await Promise.all(Array.from({ length: 50 }, () => resolve('zu')))
    expect(new Set(resolved).size).toBe(1)
    expect(fetch.requests).toHaveLength(1)
  })

  it('refetches after cacheMaxAge, and keeps the stale key while the service is down', async () => {
    vi.useFakeTimers({ now: 0 })
    let down = false
    const fetch = createFakeFetch(() =>
      down ? new Response('', { status: 500 }) : Response.json(jwk),
    )
    const resolve = createPublicKeyResolver({
      origin: TEST_ORIGIN,
      fetch,
      cacheMaxAge: 1_000,
      retry: 0,
    })
    const first = await resolve('zu')
    vi.setSystemTime(999)
    await resolve('zu')
    expect(fetch.requests).toHaveLength(1)
    vi.setSystemTime(1_001)
    down = true
    expect(await resolve('zu')).toBe(first)
    expect(fetch.requests).toHaveLength(2)
    vi.setSystemTime(3_000)
    down = false
    expect(await resolve('zu')).not.toBe(first)
    expect(fetch.requests).toHaveLength(3)
  })

  it('forgets a key that the service no longer knows', async () => {
    vi.useFakeTimers({ now: 0 })
    let gone = false
    const fetch = createFakeFetch(() =>
      gone ? new Response('', { status: 404 }) : Response.json(jwk),
    )
    const resolve = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch, cacheMaxAge: 1_000 })
    await resolve('zu')
    gone = true
    vi.setSystemTime(2_000)
    expect(await reasonOf(resolve('zu'))).toBe('key-not-found')
  })

  it('bounds the number of cached keys', async () => {
    const fetch = createFakeFetch((request) => {
      const kid = new URL(request.url).pathname.split('/').pop()
      return Response.json({ ...jwk, kid })
    })
    const resolve = createPublicKeyResolver({
      origin: TEST_ORIGIN,
      fetch,
      maxCachedKeys: 2,
      unknownKidFetchBurst: 10,
    })
    await resolve('k1')
    await resolve('k2')
    await resolve('k3')
    await resolve('k3')
    await resolve('k2')
    expect(fetch.requests).toHaveLength(3)
    await resolve('k1')
    expect(fetch.requests).toHaveLength(4)
  })

  it('remembers unknown kids for unknownKidCacheDuration', async () => {
    vi.useFakeTimers({ now: 0 })
    const fetch = serveKeys({})
    const resolve = createPublicKeyResolver({
      origin: TEST_ORIGIN,
      fetch,
      unknownKidCacheDuration: 5_000,
    })
    for (let index = 0; index < 10; index += 1)
      expect(await reasonOf(resolve('gone'))).toBe('key-not-found')
    expect(fetch.requests).toHaveLength(1)
    vi.setSystemTime(60_000)
    await reasonOf(resolve('gone'))
    expect(fetch.requests).toHaveLength(2)
  })

  it('throttles fetches for never-seen kids: 1,000 random kids cause a handful of requests', async () => {
    const fetch = serveKeys({ zu: jwk })
    const resolve = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch, currentDate: new Date() })
    const reasons = new Set<string>()
    for (let index = 0; index < 1_000; index += 1) {
      reasons.add(await reasonOf(resolve(`kid${Math.random().toString(36).slice(2, 10)}`)))
    }
    expect(fetch.requests.length).toBeLessThanOrEqual(5)
    expect([...reasons].sort()).toEqual(['key-fetch-throttled', 'key-not-found'])
  })

  it('re-validates shared cache entries on read and writes fetched keys to it', async () => {
    const cache = createMapStorage()
    const fetch = serveKeys({ zu: jwk })
    await createPublicKeyResolver({ origin: TEST_ORIGIN, fetch, cache })('zu')
    expect(cache.set).toHaveBeenCalledTimes(1)
    expect(cache.set.mock.calls[0]?.[2]).toBe(3_600_000)
    const stored = JSON.parse(cache.entries.get('public-key:zu') ?? '{}')
    expect(stored.jwk).toMatchObject({ kty: 'RSA', kid: 'zu', n: jwk.n })

    // Another instance finds it in the shared cache: no fetch.
    const second = serveKeys({ zu: jwk })
    await createPublicKeyResolver({ origin: TEST_ORIGIN, fetch: second, cache })('zu')
    expect(second.requests).toHaveLength(0)

    // A poisoned entry (e = 1, wrong kid, expired) is ignored and the key is fetched.
    for (const poisoned of [
      { jwk: { ...jwk, e: 'AQ' }, expiresAt: Date.now() + 60_000 },
      { jwk: { ...jwk, kid: 'other' }, expiresAt: Date.now() + 60_000 },
      { jwk: { ...other.publicJwk, kid: 'zu', d: 'AQAB' }, expiresAt: Date.now() + 60_000 },
      { jwk, expiresAt: Date.now() - 1 },
      'not json',
    ]) {
      cache.entries.set(
        'public-key:zu',
        JSON.stringify(poisoned).slice(poisoned === 'not json' ? 1 : 0),
      )
      const fresh = serveKeys({ zu: jwk })
      await createPublicKeyResolver({ origin: TEST_ORIGIN, fetch: fresh, cache })('zu')
      expect(fresh.requests).toHaveLength(1)
    }
  })

  it('survives a shared cache that throws', async () => {
    const cache = {
      get: () => Promise.reject(new Error('kv down')),
      set: () => Promise.reject(new Error('kv down')),
      setIfAbsent: () => Promise.reject(new Error('kv down')),
      delete: () => Promise.reject(new Error('kv down')),
    }
    const fetch = serveKeys({ zu: jwk })
    await expect(
      createPublicKeyResolver({ origin: TEST_ORIGIN, fetch, cache })('zu'),
    ).resolves.toBeDefined()
  })
})

describe('the currentDate clock', () => {
  it('decides cache expiry and the fetch allowance, not the system clock', async () => {
    let time = Date.UTC(2030, 0, 1)
    const fetch = serveKeys({ zu: jwk })
    const resolve = createPublicKeyResolver({
      origin: TEST_ORIGIN,
      fetch,
      cacheMaxAge: 60_000,
      currentDate: () => new Date(time),
    })
    const first = await resolve('zu')
    time += 59_999
    expect(await resolve('zu')).toBe(first)
    expect(fetch.requests).toHaveLength(1)
    time += 1
    expect(await resolve('zu')).not.toBe(first)
    expect(fetch.requests).toHaveLength(2)
    for (const kid of ['key1', 'key2', 'key3']) await reasonOf(resolve(kid))
    expect(await reasonOf(resolve('key4'))).toBe('key-fetch-throttled')
    time += 10_000
    expect(await reasonOf(resolve('key4'))).toBe('key-not-found')
  })

  it('reads a Retry-After date against currentDate', async () => {
    vi.useFakeTimers({ now: 0 })
    const at = Date.UTC(2030, 0, 1)
    const fetch = createFakeFetch((_request, index) =>
      index === 0
        ? new Response('', {
            status: 503,
            headers: { 'retry-after': new Date(at + 3_000).toUTCString() },
          })
        : Response.json(jwk),
    )
    const resolve = createPublicKeyResolver({
      origin: TEST_ORIGIN,
      fetch,
      currentDate: new Date(at),
      retry: { maxRetryAfter: 10_000 },
    })
    const pending = resolve('zu')
    await vi.advanceTimersByTimeAsync(2_999)
    expect(fetch.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    await expect(pending).resolves.toBeDefined()
    expect(fetch.requests).toHaveLength(2)
  })
})

describe('pinned keys', () => {
  it('are never fetched and imported once', async () => {
    const fetch = serveKeys({})
    const resolve = createPublicKeyResolver({
      origin: TEST_ORIGIN,
      fetch,
      pinnedKeys: [jwk as never],
    })
    const [first, second] = await Promise.all([resolve('zu'), resolve('zu')])
    expect(first).toBe(second)
    expect(fetch.requests).toHaveLength(0)
  })

  it('work without an origin; unknown kids are then not found, without fetching', async () => {
    const resolve = createPublicKeyResolver({ pinnedKeys: [jwk as never] })
    await expect(resolve('zu')).resolves.toBeDefined()
    expect(await reasonOf(resolve('other'))).toBe('key-not-found')
  })

  it('are validated when the resolver is created', () => {
    expect(() => createPublicKeyResolver({ pinnedKeys: [{ ...jwk, e: 'AQ' } as never] })).toThrow(
      expect.objectContaining({ reason: 'key-invalid', code: 'ERR_FLEX_KEY_INVALID' }),
    )
    expect(() =>
      createPublicKeyResolver({ pinnedKeys: [{ ...jwk, kid: '../x' } as never] }),
    ).toThrow(TypeError)
    expect(() => createPublicKeyResolver({ pinnedKeys: [jwk, jwk] as never })).toThrow(
      'repeats a kid',
    )
  })
})

describe('fetch failures', () => {
  it('refuses invalid kids without a request', async () => {
    const fetch = serveKeys({ zu: jwk })
    const resolve = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch })
    for (const kid of ['', '../x', 'a/b', '%2e%2e', 'x?y', 'http://e', '..', '.', 'k'.repeat(65)]) {
      expect(await reasonOf(resolve(kid))).toBe('kid-invalid')
    }
    expect(fetch.requests).toHaveLength(0)
  })

  it('treats a redirect as an error and does not follow or retry it', async () => {
    const fetch = createFakeFetch(
      () => new Response(null, { status: 302, headers: { location: 'https://evil.example/key' } }),
    )
    const resolve = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch })
    const error = await resolve('zu').catch((thrown: FlexVerificationError) => thrown)
    expect(error).toMatchObject({
      reason: 'key-fetch-failed',
      status: 302,
      code: 'ERR_FLEX_KEY_FETCH_FAILED',
    })
    expect(fetch.requests).toHaveLength(1)
  })

  it.each([400, 401, 403])('does not retry %i', async (status) => {
    const fetch = createFakeFetch(() => new Response('', { status }))
    const resolve = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch })
    expect(await reasonOf(resolve('zu'))).toBe('key-fetch-failed')
    expect(fetch.requests).toHaveLength(1)
  })

  it.each([408, 429, 500, 502, 503])('retries %i with backoff, then succeeds', async (status) => {
    vi.useFakeTimers({ now: 0 })
    const fetch = createFakeFetch((_request, index) =>
      index < 2 ? new Response('', { status }) : Response.json(jwk),
    )
    const resolve = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch })
    const pending = resolve('zu')
    await vi.advanceTimersByTimeAsync(2_000)
    await expect(pending).resolves.toBeDefined()
    expect(fetch.requests).toHaveLength(3)
  })

  it('retries network errors and gives up after the retries with key-fetch-failed', async () => {
    vi.useFakeTimers({ now: 0 })
    const fetch = createFakeFetch(() => {
      throw new TypeError('fetch failed')
    })
    const resolve = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch, retry: 3 })
    const pending = reasonOf(resolve('zu'))
    await vi.advanceTimersByTimeAsync(10_000)
    expect(await pending).toBe('key-fetch-failed')
    expect(fetch.requests).toHaveLength(4)
  })

  it('honours Retry-After, capped by maxRetryAfter', async () => {
    vi.useFakeTimers({ now: 0 })
    const fetch = createFakeFetch((_request, index) =>
      index === 0
        ? new Response('', { status: 429, headers: { 'retry-after': '3600' } })
        : Response.json(jwk),
    )
    const resolve = createPublicKeyResolver({
      origin: TEST_ORIGIN,
      fetch,
      retry: { maxRetryAfter: 2_000 },
    })
    const pending = resolve('zu')
    await vi.advanceTimersByTimeAsync(1_999)
    expect(fetch.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    await expect(pending).resolves.toBeDefined()
    expect(fetch.requests).toHaveLength(2)
  })

  it('times out each attempt and respects the overall deadline', async () => {
    vi.useFakeTimers({ now: 0 })
    const fetch = vi.fn(
      (_input: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          )
        }),
    )
    const resolve = createPublicKeyResolver({
      origin: TEST_ORIGIN,
      fetch,
      timeout: 1_000,
      deadline: 2_500,
      retry: 10,
    })
    const pending = resolve('zu').catch((thrown: FlexVerificationError) => thrown)
    await vi.advanceTimersByTimeAsync(5_000)
    const error = await pending
    expect(error).toMatchObject({ reason: 'key-fetch-failed' })
    expect((error as FlexVerificationError).message).toMatch(/timed out|deadline/)
    expect(fetch.mock.calls.length).toBeGreaterThanOrEqual(2)
    expect(fetch.mock.calls.length).toBeLessThanOrEqual(3)
  })
})

describe('against a loopback server', () => {
  it('fetches, validates and caches a real HTTP response', async () => {
    const server = await startLoopbackServer((request, response) => {
      if (request.url === '/flex/v2/public-keys/zu') {
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end(JSON.stringify(jwk))
      } else if (request.url === '/flex/v2/public-keys/moved') {
        response.writeHead(301, { location: '/flex/v2/public-keys/zu' })
      } else {
        response.writeHead(404)
      }
    })
    try {
      const resolve = createPublicKeyResolver({ origin: server.url })
      await expect(resolve('zu')).resolves.toBeDefined()
      await resolve('zu')
      expect(await reasonOf(resolve('moved'))).toBe('key-fetch-failed')
      expect(await reasonOf(resolve('missing'))).toBe('key-not-found')
      expect(server.requestCount()).toBe(3)
    } finally {
      await server.close()
    }
  })
})

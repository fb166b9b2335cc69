import {
  type CaptureContextStore,
  createCaptureContextStore,
  createPublicKeyResolver,
  FlexStorageError,
  verifyCaptureContext,
  verifyTransientToken,
} from 'flex-jwt'
import { createFakeFetch } from 'test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { errorOf, eventually } from './test/eventually.js'
import { useRedisServer } from './test/redis-fixture.js'
import { createTestIssuer, type TestIssuer } from './test/tokens.js'

const NOW = 1_900_000_000
const clock = { time: NOW * 1000 }
const currentDate = () => new Date(clock.time)

const redis = useRedisServer()
let issuer: TestIssuer

beforeAll(async () => {
  issuer = await createTestIssuer('one-time-1')
})

/** One server of the fleet: its own Redis connection, key resolver and store. */
function startInstance(prefix: string, served: Record<string, unknown> = { zu: undefined }) {
  const storage = redis.open({ prefix })
  const fetch = createFakeFetch((request) => {
    const kid = new URL(request.url).pathname.split('/').pop() ?? ''
    const jwk = kid === 'zu' ? issuer.longTerm.publicJwk : served[kid]
    return jwk === undefined ? new Response('{}', { status: 404 }) : Response.json(jwk)
  })
  const keys = createPublicKeyResolver({
    origin: 'https://apitest.cybersource.com',
    fetch,
    cache: storage,
    currentDate,
  })
  const store: CaptureContextStore = createCaptureContextStore({ keys, storage, currentDate })
  return { storage, fetch, keys, store }
}

/** Two instances on `prefix`; the first verifies a capture context and saves it. */
async function twoInstancesSharingAContext(prefix: string, reference?: string) {
  const one = startInstance(prefix)
  const two = startInstance(prefix)
  const captureContext = await verifyCaptureContext(await issuer.captureContext(NOW), {
    keys: one.keys,
    currentDate,
  })
  await one.store.save(captureContext, reference === undefined ? {} : { reference })
  return { one, two, captureContext }
}

describe('two SDK instances sharing one real Redis', () => {
  it('see each other contexts and keys, and pay a token once: 50 concurrent consumes', async () => {
    clock.time = NOW * 1000
    const { one, two } = await twoInstancesSharingAContext('fleet-a:', 'order-7')
    const jwt = await issuer.transientToken(NOW + 10, 'token-a')
    const token = await verifyTransientToken(jwt, { captureContexts: two.store, currentDate })
    expect(token.reference).toBe('order-7')
    expect(token.captureContext.encryptionKey.kid).toBe('one-time-1')
    expect([one.fetch.requests.length, two.fetch.requests.length]).toEqual([1, 0])

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, index) => (index % 2 ? one : two).store.consume(token)),
    )
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
    expect(
      results.every(
        (result) =>
          result.status === 'fulfilled' ||
          (result.reason as { reason?: string }).reason === 'token-already-used',
      ),
    ).toBe(true)
    const keys = await redis.raw.keys('fleet-a:*')
    expect(keys.sort()).toEqual([
      expect.stringMatching(/^fleet-a:capture-context:one-time-1$/),
      expect.stringMatching(/^fleet-a:consumed:[A-Za-z0-9_-]{43}$/),
      'fleet-a:public-key:zu',
    ])
    for (const key of keys) expect(await redis.raw.get(key)).not.toContain('token-a')
  })

  it('share the public-key cache: a key rotation is fetched once for the fleet', async () => {
    clock.time = NOW * 1000
    const rotated = await createTestIssuer('one-time-2', 'zv')
    const served: Record<string, unknown> = {}
    const one = startInstance('fleet-d:', served)
    const two = startInstance('fleet-d:', served)
    expect(
      await errorOf(
        verifyCaptureContext(await rotated.captureContext(NOW), { keys: two.keys, currentDate }),
      ),
    ).toMatchObject({ reason: 'key-not-found' })
    served.zv = rotated.longTerm.publicJwk
    const jwt = await rotated.captureContext(NOW)
    await verifyCaptureContext(jwt, { keys: one.keys, currentDate })
    clock.time += 300_000 // past the 404 memory of instance two (5 minutes by default)
    await verifyCaptureContext(jwt, { keys: two.keys, currentDate })
    expect([one.fetch.requests.length, two.fetch.requests.length]).toEqual([1, 1])
    expect(JSON.parse((await redis.raw.get('fleet-d:public-key:zv')) ?? '{}').jwk.n).toBe(
      rotated.longTerm.publicJwk.n,
    )
  })

  it('expires by the movable clock, with Redis TTLs that follow the context and token lives', async () => {
    clock.time = NOW * 1000 + 300_000
    const { two } = await twoInstancesSharingAContext('fleet-b:')
    const ttl = await redis.raw.pTTL('fleet-b:capture-context:one-time-1')
    expect(ttl).toBeGreaterThan(600_000 + 60_000 - 60_000) // 10x room for a slow machine
    expect(ttl).toBeLessThanOrEqual(600_000 + 60_000)
    const jwt = await issuer.transientToken(NOW + 300, 'token-b')
    await verifyTransientToken(jwt, { captureContexts: two.store, currentDate })
    clock.time = (NOW + 900 + 60) * 1000
    expect(
      await errorOf(verifyTransientToken(jwt, { captureContexts: two.store, currentDate })),
    ).toMatchObject({ code: 'ERR_FLEX_CAPTURE_CONTEXT_EXPIRED' })
    const late = startInstance('fleet-b:')
    expect(
      await errorOf(verifyTransientToken(jwt, { captureContexts: late.store, currentDate })),
    ).toMatchObject({ code: 'ERR_FLEX_CAPTURE_CONTEXT_EXPIRED' })
  })

  it('fails closed while Redis is away and works again when it returns', async () => {
    clock.time = NOW * 1000
    const { one, two, captureContext } = await twoInstancesSharingAContext('fleet-c:', 'order-9')
    const jwt = await issuer.transientToken(NOW + 10, 'token-c')
    const token = await verifyTransientToken(jwt, { captureContexts: two.store, currentDate })
    await redis.server.stop()
    try {
      for (const attempt of [
        () => verifyTransientToken(jwt, { captureContexts: one.store, currentDate }),
        () => two.store.consume(token),
        () => one.store.save(captureContext),
      ]) {
        const error = await errorOf(attempt())
        expect(FlexStorageError.isInstance(error)).toBe(true)
        expect(error).toMatchObject({ code: 'ERR_FLEX_STORAGE_FAILED' })
        expect(String(error)).not.toContain('token-c')
      }
    } finally {
      await redis.server.restart()
    }
    // The server kept nothing (no persistence in tests): save again, then all works.
    await eventually(() => one.store.save(captureContext, { reference: 'order-9' }))
    const again = await eventually(() =>
      verifyTransientToken(jwt, { captureContexts: two.store, currentDate }),
    )
    expect(again.reference).toBe('order-9')
    await eventually(() => one.store.consume(again))
    expect(await errorOf(two.store.consume(again))).toMatchObject({ reason: 'token-already-used' })
    await eventually(() => redis.raw.ping())
  }, 90_000)
})

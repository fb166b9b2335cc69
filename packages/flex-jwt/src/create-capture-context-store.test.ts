import { type CaptureContext, FlexStorageError } from 'flex-types'
import { expectNoSensitiveData, generateRsaKeyPair } from 'test-utils'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { createCaptureContextStore } from './create-capture-context-store.js'
import { createMemoryStorage } from './create-memory-storage.js'
import { createPublicKeyResolver, type PublicKeyResolver } from './create-public-key-resolver.js'
import { createMapStorage } from './test/map-storage.js'
import {
  createTestKeys,
  NOW,
  ONE_TIME_KID,
  signCaptureContext,
  signJws,
  signTransientToken,
  type TestKeys,
  transientTokenClaims,
} from './test/tokens.js'
import { verifyCaptureContext } from './verify-capture-context.js'
import { verifyTransientToken } from './verify-transient-token.js'

let keys: TestKeys
let resolver: PublicKeyResolver
let contextJwt: string

const clock = { time: NOW * 1000 }
const currentDate = () => new Date(clock.time)

beforeAll(async () => {
  keys = await createTestKeys()
  resolver = createPublicKeyResolver({ pinnedKeys: [keys.longTerm.publicJwk as never] })
  contextJwt = await signCaptureContext(keys)
})

const verifyContext = (jwt = contextJwt) =>
  verifyCaptureContext(jwt, { keys: resolver, currentDate })
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  )

function twoInstances(storage = createMemoryStorage({ currentDate })) {
  const make = () => createCaptureContextStore({ keys: resolver, storage, currentDate })
  return { storage, one: make(), two: make() }
}

describe('createCaptureContextStore', () => {
  it('finds on one instance the context saved on another, with its reference', async () => {
    clock.time = NOW * 1000
    const { one, two } = twoInstances()
    const captureContext = await verifyContext()
    await one.save(captureContext, { reference: 'cart-42' })
    const jwt = await signTransientToken(keys)
    const token = await verifyTransientToken(jwt, { captureContexts: two, currentDate })
    expect(token.reference).toBe('cart-42')
    expect(token.jti).toBe(transientTokenClaims().jti)
    expect(token.captureContext.jwt).toBe(contextJwt)
    expect(token.captureContext).not.toBe(captureContext) // verified again from the storage
    const plain = await verifyTransientToken(jwt, { captureContext, currentDate })
    expect({ ...token, captureContext: undefined, reference: undefined }).toEqual({
      ...plain,
      captureContext: undefined,
      reference: undefined,
    })
  })

  it('stores the context JWT and reference only, for the rest of its life', async () => {
    clock.time = NOW * 1000 + 100_000
    const storage = createMapStorage()
    const store = createCaptureContextStore({ keys: resolver, storage, currentDate })
    await store.save(await verifyContext())
    expect(storage.set).toHaveBeenCalledWith(
      `capture-context:${ONE_TIME_KID}`,
      JSON.stringify({ v: 1, jwt: contextJwt }),
      800_000 + 60_000,
    )
  })

  it('verifies a stored context once per instance, yet reads the storage every time', async () => {
    clock.time = NOW * 1000
    const storage = createMapStorage()
    const keysSpy = vi.fn(resolver)
    const store = createCaptureContextStore({ keys: keysSpy, storage, currentDate })
    await store.save(await verifyContext())
    const jwt = await signTransientToken(keys)
    for (let round = 0; round < 3; round += 1) {
      await verifyTransientToken(jwt, { captureContexts: store, currentDate })
    }
    expect(keysSpy).toHaveBeenCalledTimes(1)
    expect(storage.get).toHaveBeenCalledTimes(3)
    storage.entries.clear() // gone from the storage: gone for every instance
    expect(
      await errorOf(verifyTransientToken(jwt, { captureContexts: store, currentDate })),
    ).toMatchObject({
      reason: 'capture-context-not-found',
      code: 'ERR_FLEX_TOKEN_INVALID',
      claim: 'kid',
    })
  })

  it('consumes a token once across instances: 50 concurrent tries, exactly one wins', async () => {
    clock.time = NOW * 1000
    const { storage, one, two } = twoInstances()
    await one.save(await verifyContext())
    const jwt = await signTransientToken(keys)
    const token = await verifyTransientToken(jwt, { captureContexts: two, currentDate })
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, index) => (index % 2 ? one : two).consume(token)),
    )
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
    for (const result of results) {
      if (result.status === 'rejected') {
        expect(result.reason).toMatchObject({
          reason: 'token-already-used',
          code: 'ERR_FLEX_TOKEN_ALREADY_USED',
        })
      }
    }
    expect(await storage.get(`capture-context:${ONE_TIME_KID}`)).toBeDefined()
  })

  it('keys a consumed token by the SHA-256 of its jti (which can pay), for the token life', async () => {
    clock.time = NOW * 1000 + 300_000
    const storage = createMapStorage()
    const store = createCaptureContextStore({ keys: resolver, storage, currentDate })
    const captureContext = await verifyContext()
    const token = await verifyTransientToken(await signTransientToken(keys), {
      captureContext,
      currentDate,
    })
    await store.consume(token)
    const [key, value, ttl] = storage.setIfAbsent.mock.calls[0] ?? []
    expect(key).toMatch(/^consumed:[A-Za-z0-9_-]{43}$/)
    expect(`${key}${value}`).not.toContain(token.jti)
    expect(ttl).toBe(600_000 + 60_000 + 300_000)
    clock.time = NOW * 1000 + 960_000
    expect(await errorOf(store.consume(token))).toMatchObject({ reason: 'expired', claim: 'exp' })
  })

  it('keeps a consumed mark while any server could still accept the token (skew, tolerance)', async () => {
    clock.time = NOW * 1000
    const storage = createMemoryStorage({ currentDate })
    const strict = createCaptureContextStore({
      keys: resolver,
      storage,
      currentDate,
      clockTolerance: 0,
    })
    const lenient = createCaptureContextStore({
      keys: resolver,
      storage,
      currentDate,
      clockTolerance: 300,
    })
    const token = await verifyTransientToken(await signTransientToken(keys), {
      captureContext: await verifyContext(),
      currentDate,
    })
    clock.time = (NOW + 899) * 1000
    await strict.consume(token)
    clock.time = (NOW + 900 + 299) * 1000 // a server allowing 300 s (or 5 minutes behind)
    expect(await errorOf(lenient.consume(token))).toMatchObject({ reason: 'token-already-used' })
  })

  it('follows the movable clock: a context expires with it, in the store and the storage', async () => {
    clock.time = NOW * 1000
    const { one, two } = twoInstances()
    await one.save(await verifyContext())
    const jwt = await signTransientToken(keys, { exp: NOW + 2_000 })
    await verifyTransientToken(jwt, { captureContexts: two, currentDate })
    clock.time = (NOW + 900 + 60) * 1000 - 1
    await verifyTransientToken(jwt, { captureContexts: two, currentDate })
    clock.time += 1
    expect(
      await errorOf(verifyTransientToken(jwt, { captureContexts: two, currentDate })),
    ).toMatchObject({
      reason: 'capture-context-not-found',
    })
    const fresh = createCaptureContextStore({
      keys: resolver,
      storage: createMapStorage(
        new Map([[`capture-context:${ONE_TIME_KID}`, JSON.stringify({ v: 1, jwt: contextJwt })]]),
      ),
      currentDate,
    })
    expect(
      await errorOf(verifyTransientToken(jwt, { captureContexts: fresh, currentDate })),
    ).toMatchObject({
      code: 'ERR_FLEX_CAPTURE_CONTEXT_EXPIRED',
    })
    expect(
      await errorOf(
        one.save(
          await verifyCaptureContext(contextJwt, {
            keys: resolver,
            currentDate: new Date(NOW * 1000),
          }),
        ),
      ),
    ).toMatchObject({
      code: 'ERR_FLEX_CAPTURE_CONTEXT_EXPIRED',
    })
  })
})

describe('what the store trusts the storage with', () => {
  it('refuses a context the storage holds but Cybersource did not sign', async () => {
    clock.time = NOW * 1000
    const forger = await generateRsaKeyPair({ kid: 'zu' })
    const forged = await signJws(
      { kid: 'zu', alg: 'RS256' },
      JSON.parse(Buffer.from(contextJwt.split('.')[1] as string, 'base64url').toString()),
      forger.privateKey,
    )
    const storage = createMapStorage()
    storage.entries.set(`capture-context:${ONE_TIME_KID}`, JSON.stringify({ v: 1, jwt: forged }))
    const store = createCaptureContextStore({ keys: resolver, storage, currentDate })
    const error = await errorOf(
      verifyTransientToken(await signTransientToken(keys), { captureContexts: store, currentDate }),
    )
    expect(FlexStorageError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ reason: 'bad-response', cause: { reason: 'bad-signature' } })
  })

  it('tells a key outage (retry later) from a bad entry: key-fetch-failed passes through', async () => {
    clock.time = NOW * 1000
    const storage = createMapStorage()
    storage.entries.set(
      `capture-context:${ONE_TIME_KID}`,
      JSON.stringify({ v: 1, jwt: contextJwt }),
    )
    const offline = createPublicKeyResolver({
      origin: 'https://apitest.cybersource.com',
      fetch: async () => Promise.reject(new TypeError('fetch failed')),
      retry: 0,
    })
    const store = createCaptureContextStore({ keys: offline, storage, currentDate })
    const error = await errorOf(
      verifyTransientToken(await signTransientToken(keys), { captureContexts: store, currentDate }),
    )
    expect(FlexStorageError.isInstance(error)).toBe(false)
    expect(error).toMatchObject({ reason: 'key-fetch-failed' })
  })

  it('tells a clock behind (not-yet-valid) from a bad entry: no storage error for a clock', async () => {
    clock.time = NOW * 1000
    const storage = createMemoryStorage({ currentDate })
    await createCaptureContextStore({ keys: resolver, storage, currentDate }).save(
      await verifyContext(),
    )
    const behind = () => new Date(clock.time - 600_000)
    const lagging = createCaptureContextStore({ keys: resolver, storage, currentDate: behind })
    const error = await errorOf(
      verifyTransientToken(await signTransientToken(keys), {
        captureContexts: lagging,
        currentDate: behind,
      }),
    )
    expect(FlexStorageError.isInstance(error)).toBe(false)
    expect(error).toMatchObject({ reason: 'not-yet-valid', claim: 'iat' })
  })

  it('refuses a genuine context filed under another kid, and entries that are not one', async () => {
    clock.time = NOW * 1000
    const other = await generateRsaKeyPair({ kid: 'another-one-time-key' })
    const otherContext = await signCaptureContext({
      ...keys,
      oneTimeJwk: { ...keys.oneTimeJwk, n: other.publicJwk.n, kid: 'another-one-time-key' },
    })
    for (const stored of [
      JSON.stringify({ v: 1, jwt: otherContext }),
      JSON.stringify({ v: 2, jwt: contextJwt }),
      JSON.stringify({ v: 1, jwt: contextJwt, reference: 42 }),
      '{"v":1,',
    ]) {
      const storage = createMapStorage(new Map([[`capture-context:${ONE_TIME_KID}`, stored]]))
      const store = createCaptureContextStore({ keys: resolver, storage, currentDate })
      const error = await errorOf(
        verifyTransientToken(await signTransientToken(keys), {
          captureContexts: store,
          currentDate,
        }),
      )
      expect(FlexStorageError.isInstance(error)).toBe(true)
      expect(error).toMatchObject({ code: 'ERR_FLEX_STORAGE_FAILED', reason: 'bad-response' })
    }
  })

  it('fails closed: a storage that throws or answers nonsense accepts nothing', async () => {
    clock.time = NOW * 1000
    const captureContext = await verifyContext()
    const token = await verifyTransientToken(await signTransientToken(keys), {
      captureContext,
      currentDate,
    })
    const down = new Error('connection refused')
    const failing = {
      get: async () => Promise.reject(down),
      set: async () => Promise.reject(down),
      setIfAbsent: async () => Promise.reject(down),
      delete: async () => undefined,
    }
    const store = createCaptureContextStore({ keys: resolver, storage: failing, currentDate })
    for (const attempt of [
      () => store.save(captureContext),
      () => store.consume(token),
      () => verifyTransientToken(token.jwt, { captureContexts: store, currentDate }),
    ]) {
      const error = await errorOf(attempt())
      expect(FlexStorageError.isInstance(error)).toBe(true)
      expect(error).toMatchObject({ reason: 'unavailable', cause: down })
      expectNoSensitiveData(String(error), [token.jti, token.jwt])
    }
    const liar = {
      ...createMemoryStorage(),
      setIfAbsent: async () => 'OK' as unknown as boolean,
      get: async () => 7 as unknown as string,
    }
    const lying = createCaptureContextStore({ keys: resolver, storage: liar, currentDate })
    expect(await errorOf(lying.consume(token))).toMatchObject({
      reason: 'bad-response',
      operation: 'setIfAbsent',
    })
    expect(
      await errorOf(verifyTransientToken(token.jwt, { captureContexts: lying, currentDate })),
    ).toMatchObject({ reason: 'bad-response', operation: 'get' })
  })
})

describe('misuse', () => {
  it('throws usage errors naming the option, never the value', async () => {
    clock.time = NOW * 1000
    expect(() => createCaptureContextStore({} as never)).toThrow(/createCaptureContextStore: keys/)
    expect(() =>
      createCaptureContextStore({ keys: resolver, storage: { get() {} } as never }),
    ).toThrow(/storage must have/)
    expect(() => createCaptureContextStore({ keys: resolver, clockTolerance: 301 })).toThrow(
      /clockTolerance/,
    )
    const store = createCaptureContextStore({ keys: resolver, currentDate })
    const captureContext = await verifyContext()
    expect(await errorOf(store.save({ ...captureContext } as CaptureContext))).toMatchObject({
      code: 'ERR_INVALID_ARG_VALUE',
    })
    expect(await errorOf(store.save(captureContext, { reference: '' }))).toMatchObject({
      message: expect.stringContaining('reference'),
    })
    expect(await errorOf(store.consume({ jti: 'x' } as never))).toMatchObject({
      code: 'ERR_INVALID_ARG_VALUE',
    })
    const jwt = await signTransientToken(keys)
    expect(
      await errorOf(verifyTransientToken(jwt, { captureContexts: { ...store } })),
    ).toMatchObject({
      message: expect.stringContaining('options.captureContexts'),
    })
  })
})

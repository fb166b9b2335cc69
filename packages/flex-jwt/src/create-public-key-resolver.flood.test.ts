import { createFakeFetch, generateRsaKeyPair } from 'test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { createPublicKeyResolver } from './create-public-key-resolver.js'
import { FlexVerificationError } from './errors.js'
import { TEST_ORIGIN } from './test/tokens.js'

let publicJwk: Record<string, unknown>

beforeAll(async () => {
  publicJwk = { kty: 'RSA', use: 'enc', ...(await generateRsaKeyPair({ kid: 'zu' })).publicJwk }
})

/** A key server that serves `served` kids and answers 404 to any other. */
function keyServer(served: readonly string[]) {
  return createFakeFetch((request) => {
    const kid = decodeURIComponent(new URL(request.url).pathname.split('/').pop() ?? '')
    return served.includes(kid)
      ? Response.json({ ...publicJwk, kid })
      : new Response('{"message":"not found"}', { status: 404 })
  })
}

function createClock(start = 1_700_000_000_000) {
  let time = start
  return {
    currentDate: () => new Date(time),
    advance: (milliseconds: number) => {
      time += milliseconds
    },
  }
}

async function reasonOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: unknown) => (FlexVerificationError.isInstance(error) ? error.reason : 'other'),
  )
}

const forgedKid = (index: number) => `forged-${index.toString(36)}`
const SHAPED = Array.from({ length: 36 * 36 }, (_, index) => index.toString(36).padStart(2, '0'))

describe('a flood of forged kids (issue #13.2)', () => {
  it('200 forged kids sent before and during a cold start do not starve the genuine kid', async () => {
    const fetch = keyServer(['zu'])
    const clock = createClock()
    const resolve = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch, ...clock })
    const flood = Array.from({ length: 200 }, (_, index) => resolve(forgedKid(index)))
    const genuine = resolve('zu')
    const reasons = new Set(await Promise.all(flood.map(reasonOf)))
    await expect(genuine).resolves.toMatchObject({ type: 'public' })
    expect([...reasons].sort()).toEqual(['key-fetch-throttled', 'key-not-found'])
    // 3 forged kids (the burst of their own budget) and the genuine one.
    expect(fetch.requests).toHaveLength(4)
  })

  it('one forged kid per second for 10 minutes does not starve a key rotation', async () => {
    const fetch = keyServer(['zu', 'wf'])
    const clock = createClock()
    const resolve = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch, ...clock })
    await resolve('zu')
    for (let second = 0; second < 600; second += 1) {
      await reasonOf(resolve(forgedKid(second)))
      if (second === 300) await expect(resolve('wf')).resolves.toMatchObject({ type: 'public' })
      clock.advance(1_000)
    }
    // The two genuine kids, then the burst of 3 and one more per 10 s for the forged ones.
    expect(fetch.requests.length).toBeLessThanOrEqual(2 + 3 + 60)
    expect(fetch.requests.filter((request) => request.url.endsWith('/wf'))).toHaveLength(1)
  })

  it('never throttles a kid that was served once, whatever its shape', async () => {
    const fetch = keyServer(['key-2026', 'zu'])
    const clock = createClock()
    const resolve = createPublicKeyResolver({
      origin: TEST_ORIGIN,
      fetch,
      maxCachedKeys: 1,
      ...clock,
    })
    await resolve('key-2026')
    await resolve('zu')
    for (let index = 0; index < 50; index += 1) await reasonOf(resolve(forgedKid(index)))
    for (const kid of SHAPED.slice(0, 50)) await reasonOf(resolve(kid))
    expect(await reasonOf(resolve(forgedKid(999)))).toBe('key-fetch-throttled')
    expect(await reasonOf(resolve('zz'))).toBe('key-fetch-throttled')
    // Evicted from memory by maxCachedKeys: 1, both are fetched again without a permit.
    await expect(resolve('key-2026')).resolves.toMatchObject({ type: 'public' })
    await expect(resolve('zu')).resolves.toMatchObject({ type: 'public' })
  })

  it('keeps the requests bounded when the flood uses kids of Cybersource shape too', async () => {
    const fetch = keyServer(['zu'])
    const clock = createClock()
    const resolve = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch, ...clock })
    const forged = [...SHAPED.filter((kid) => kid !== 'zu').slice(0, 100)]
    forged.push(...Array.from({ length: 100 }, (_, index) => forgedKid(index)))
    for (let round = 0; round < 3; round += 1) {
      await Promise.all(forged.map((kid) => reasonOf(resolve(kid))))
    }
    expect(fetch.requests).toHaveLength(3 + 3)
    // Each budget refills on its own: one more fetch per 10 s for each shape.
    clock.advance(10_000)
    await Promise.all(forged.map((kid) => reasonOf(resolve(kid))))
    expect(fetch.requests).toHaveLength(3 + 3 + 2)
  })
})

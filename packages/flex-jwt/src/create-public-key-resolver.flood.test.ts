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
    // A kid of Cybersource's shape is never throttled: it is bounded per kid instead.
    expect(await reasonOf(resolve('zz'))).toBe('key-not-found')
    // Evicted from memory by maxCachedKeys: 1, both are fetched again without a permit.
    await expect(resolve('key-2026')).resolves.toMatchObject({ type: 'public' })
    await expect(resolve('zu')).resolves.toMatchObject({ type: 'public' })
  })

  it('a flood of kids of Cybersource shape cannot starve a new genuine kid, and stays bounded', async () => {
    const fetch = keyServer(['zu'])
    const clock = createClock()
    const resolve = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch, ...clock })
    const shapedForged = SHAPED.filter((kid) => kid !== 'zu')
    // One forged kid of Cybersource's shape per second for 10 minutes; the genuine kid is first
    // used in the middle of it (a key rotation) and resolves at once.
    for (let second = 0; second < 600; second += 1) {
      await reasonOf(resolve(shapedForged[second % shapedForged.length] as string))
      if (second === 300) await expect(resolve('zu')).resolves.toMatchObject({ type: 'public' })
      clock.advance(1_000)
    }
    // Each shaped kid is fetched at most once per unknownKidCacheDuration (5 minutes): 600
    // distinct kids over 10 minutes, plus the genuine one.
    expect(fetch.requests.length).toBeLessThanOrEqual(600 + 1)
    const before = fetch.requests.length
    // The same forged kids again within their 5 minutes: no request at all.
    for (const kid of shapedForged.slice(301, 600)) await reasonOf(resolve(kid))
    expect(fetch.requests).toHaveLength(before)
  })

  it('keeps the requests bounded when the flood mixes both shapes', async () => {
    const fetch = keyServer(['zu'])
    const clock = createClock()
    const resolve = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch, ...clock })
    const shaped = SHAPED.filter((kid) => kid !== 'zu').slice(0, 100)
    const other = Array.from({ length: 100 }, (_, index) => forgedKid(index))
    for (let round = 0; round < 3; round += 1) {
      await Promise.all([...shaped, ...other].map((kid) => reasonOf(resolve(kid))))
    }
    // Each shaped kid once (then remembered as not found), the burst of 3 for the others.
    expect(fetch.requests).toHaveLength(100 + 3)
    clock.advance(10_000)
    await Promise.all([...shaped, ...other].map((kid) => reasonOf(resolve(kid))))
    expect(fetch.requests).toHaveLength(100 + 3 + 1)
    await expect(resolve('zu')).resolves.toMatchObject({ type: 'public' })
  })
})

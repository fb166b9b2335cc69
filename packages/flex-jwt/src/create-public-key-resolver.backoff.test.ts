import { createFakeFetch, generateRsaKeyPair } from 'test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { createPublicKeyResolver } from './create-public-key-resolver.js'
import { FlexVerificationError } from './errors.js'
import { TEST_ORIGIN } from './test/tokens.js'

let jwk: Record<string, unknown>

beforeAll(async () => {
  jwk = { kty: 'RSA', use: 'enc', ...(await generateRsaKeyPair({ kid: 'zu' })).publicJwk }
})

async function reasonOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: unknown) => (FlexVerificationError.isInstance(error) ? error.reason : 'other'),
  )
}

/** A key server whose answer the test switches, and a resolver on a clock the test moves. */
function setup(answer: () => Response, options: { unknownKidCacheDuration?: number } = {}) {
  let time = Date.UTC(2026, 0, 1)
  const fetch = createFakeFetch(answer)
  const resolve = createPublicKeyResolver({
    origin: TEST_ORIGIN,
    fetch,
    retry: 0,
    currentDate: () => new Date(time),
    ...options,
  })
  return {
    fetch,
    resolve,
    advance: (milliseconds: number) => {
      time += milliseconds
    },
  }
}

describe('after a failed key fetch (issue #13.11)', () => {
  it('fetches a kid again 5 s after one invalid key answer, not after 5 minutes', async () => {
    let broken = true
    const { fetch, resolve, advance } = setup(() =>
      broken ? Response.json({ ...jwk, e: 'Aw' }) : Response.json(jwk),
    )
    expect(await reasonOf(resolve('zu'))).toBe('key-invalid')
    broken = false
    expect(await reasonOf(resolve('zu'))).toBe('key-invalid')
    advance(4_999)
    expect(await reasonOf(resolve('zu'))).toBe('key-invalid')
    expect(fetch.requests).toHaveLength(1)
    advance(1)
    await expect(resolve('zu')).resolves.toMatchObject({ type: 'public' })
    expect(fetch.requests).toHaveLength(2)
  })

  it.each([
    ['a 500', () => new Response('', { status: 500 })],
    ['a body that is not JSON', () => new Response('<html>', { status: 200 })],
    [
      'a network error',
      () => {
        throw new TypeError('fetch failed')
      },
    ],
  ])('backs off after %s, doubling from 5 s up to unknownKidCacheDuration', async (_name, fail) => {
    let broken = true
    const { fetch, resolve, advance } = setup(() => (broken ? fail() : Response.json(jwk)), {
      unknownKidCacheDuration: 30_000,
    })
    for (const wait of [5_000, 10_000, 20_000, 30_000, 30_000]) {
      const before = fetch.requests.length
      expect(await reasonOf(resolve('zu'))).toBe('key-fetch-failed')
      expect(fetch.requests).toHaveLength(before + 1)
      advance(wait - 1)
      expect(await reasonOf(resolve('zu'))).toBe('key-fetch-failed')
      expect(fetch.requests).toHaveLength(before + 1)
      advance(1)
    }
    broken = false
    await expect(resolve('zu')).resolves.toMatchObject({ type: 'public' })
    // Success clears the backoff: a later failure starts again from 5 s.
    expect(fetch.requests).toHaveLength(6)
  })

  it('keeps the long negative cache for a real 404', async () => {
    const { fetch, resolve, advance } = setup(() => new Response('', { status: 404 }))
    expect(await reasonOf(resolve('zu'))).toBe('key-not-found')
    advance(299_999)
    expect(await reasonOf(resolve('zu'))).toBe('key-not-found')
    expect(fetch.requests).toHaveLength(1)
    advance(1)
    await reasonOf(resolve('zu'))
    expect(fetch.requests).toHaveLength(2)
  })
})

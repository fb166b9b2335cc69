import { generateRsaKeyPair } from 'test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { createMemoryStorage } from './create-memory-storage.js'
import { createPublicKeyResolver } from './create-public-key-resolver.js'
import { createMapStorage } from './test/map-storage.js'
import {
  createTestKeys,
  NOW,
  serveKeys,
  signCaptureContext,
  TEST_ORIGIN,
  type TestKeys,
} from './test/tokens.js'
import { verifyCaptureContext } from './verify-capture-context.js'

let keys: TestKeys

beforeAll(async () => {
  keys = await createTestKeys('zu')
})

describe('a fleet sharing the public-key cache', () => {
  it('fetches each kid once for the fleet and sees a new kid and a re-keyed kid', async () => {
    const clock = { time: NOW * 1000 }
    const currentDate = () => new Date(clock.time)
    const storage = createMemoryStorage({ currentDate })
    const served: Record<string, unknown> = { zu: keys.longTerm.publicJwk }
    const fetches = [serveKeys(served), serveKeys(served)]
    const [one, two] = fetches.map((fetch) =>
      createPublicKeyResolver({
        origin: TEST_ORIGIN,
        fetch,
        cache: storage,
        currentDate,
        cacheMaxAge: 600_000,
      }),
    ) as [ReturnType<typeof createPublicKeyResolver>, ReturnType<typeof createPublicKeyResolver>]
    const verifyOn = async (resolver: typeof one, header: Record<string, unknown>, signer = keys) =>
      verifyCaptureContext(
        await signCaptureContext(
          signer,
          { iat: Math.floor(clock.time / 1000), exp: Math.floor(clock.time / 1000) + 900 },
          header,
        ),
        {
          keys: resolver,
          currentDate,
        },
      )
    const requests = () => fetches.map((fetch) => fetch.requests.length)

    await verifyOn(one, { kid: 'zu', alg: 'RS256' })
    await verifyOn(two, { kid: 'zu', alg: 'RS256' })
    expect(requests()).toEqual([1, 0])

    // Rotation to a new kid: fetched by whichever instance meets it first, read by the others.
    const next = await generateRsaKeyPair({ kid: 'zv' })
    served.zv = next.publicJwk
    const nextKeys = { ...keys, longTerm: next }
    await verifyOn(two, { kid: 'zv', alg: 'RS256' }, nextKeys)
    await verifyOn(one, { kid: 'zv', alg: 'RS256' }, nextKeys)
    expect(requests()).toEqual([1, 1])

    // The same kid re-keyed: once cacheMaxAge has passed, one fetch renews it for the fleet.
    const rekeyed = await generateRsaKeyPair({ kid: 'zu' })
    served.zu = rekeyed.publicJwk
    clock.time += 600_000
    const rekeyedKeys = { ...keys, longTerm: rekeyed }
    await verifyOn(one, { kid: 'zu', alg: 'RS256' }, rekeyedKeys)
    await verifyOn(two, { kid: 'zu', alg: 'RS256' }, rekeyedKeys)
    expect(requests()).toEqual([2, 1])
  })

  it('shares a key for whole milliseconds, as FlexStorage asks, even with a fractional cacheMaxAge', async () => {
    const storage = createMapStorage()
    const resolver = createPublicKeyResolver({
      origin: TEST_ORIGIN,
      fetch: serveKeys({ zu: keys.longTerm.publicJwk }),
      cache: storage,
      currentDate: new Date(NOW * 1000),
      cacheMaxAge: 600_000.5,
    })
    await resolver('zu')
    expect(storage.set).toHaveBeenCalledWith('public-key:zu', expect.any(String), 600_001)
  })
})

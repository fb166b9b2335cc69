import { describe, expect, it } from 'vitest'
import { createPublicKeyResolver } from './create-public-key-resolver.js'
import { TEST_ORIGIN } from './test/tokens.js'

function usageErrorOf(options: unknown): TypeError & { code?: string } {
  try {
    createPublicKeyResolver(options as never)
  } catch (error) {
    return error as TypeError & { code?: string }
  }
  throw new Error('no error was thrown')
}

describe('createPublicKeyResolver option limits (issue #13.10)', () => {
  it.each([
    ['timeout', 3e9],
    ['timeout', 0],
    ['deadline', 2 ** 31],
    ['deadline', Number.POSITIVE_INFINITY],
    ['cacheMaxAge', Number.NaN],
    ['cacheMaxAge', 2 ** 31],
    ['unknownKidCacheDuration', -1],
    ['unknownKidCacheDuration', 1e12],
    ['unknownKidFetchInterval', '10s'],
    ['maxCachedKeys', 0],
    ['maxCachedKeys', 1.5],
    ['maxCachedKeys', 100_001],
    ['unknownKidFetchBurst', 0],
    ['unknownKidFetchBurst', 1_001],
  ])('refuses %s = %s with ERR_INVALID_ARG_VALUE naming it, not its value', (name, value) => {
    const error = usageErrorOf({ origin: TEST_ORIGIN, [name]: value })
    expect(error).toBeInstanceOf(TypeError)
    expect(error.code).toBe('ERR_INVALID_ARG_VALUE')
    expect(error.message).toMatch(new RegExp(`^createPublicKeyResolver: ${name} must be`))
    if (typeof value === 'number' && Math.abs(value) > 10) {
      expect(error.message).not.toContain(String(value))
    }
  })

  it('accepts the largest durations a timer honours', () => {
    const max = 2 ** 31 - 1
    expect(() =>
      createPublicKeyResolver({
        origin: TEST_ORIGIN,
        timeout: max,
        deadline: max,
        cacheMaxAge: max,
        unknownKidCacheDuration: max,
        unknownKidFetchInterval: max,
        maxCachedKeys: 100_000,
        unknownKidFetchBurst: 1_000,
      }),
    ).not.toThrow()
  })
})

describe('createPublicKeyResolver retry and clock options (issue #14.3)', () => {
  it.each([
    [{ retry: 11 }, 'retry must be'],
    [{ retry: -1 }, 'retry must be'],
    [{ retry: '2' }, 'retry must be'],
    [{ retry: { limit: 1.5 } }, 'retry.limit must be'],
    [{ retry: { backoffLimit: 3e9 } }, 'retry.backoffLimit must be'],
    [{ retry: { maxRetryAfter: -1 } }, 'retry.maxRetryAfter must be'],
    [{ retry: { retries: 2 } }, 'retry has an unknown member'],
    [{ retries: 2 }, 'retries was replaced by retry'],
    [{ maxRetryAfter: 1_000 }, 'maxRetryAfter was replaced by retry'],
    [{ currentDate: 'now' }, 'currentDate must be'],
    [{ currentDate: new Date(Number.NaN) }, 'currentDate must be a valid Date'],
  ])('refuses %j with ERR_INVALID_ARG_VALUE', (options, message) => {
    const error = usageErrorOf({ origin: TEST_ORIGIN, ...options })
    expect(error.code).toBe('ERR_INVALID_ARG_VALUE')
    expect(error.message).toContain(`createPublicKeyResolver: ${message}`)
  })

  it('gives every misuse error the usage code, origin and pinned key errors included', () => {
    for (const options of [
      undefined,
      {},
      { environment: 'staging' },
      { environment: 'test', origin: TEST_ORIGIN },
      { origin: 'http://example.com' },
      { origin: TEST_ORIGIN, fetch: 'no' },
      { origin: TEST_ORIGIN, cache: {} },
      { pinnedKeys: 'no' },
      { pinnedKeys: [{ kid: '../x' }] },
    ]) {
      const error = usageErrorOf(options)
      expect(error).toBeInstanceOf(TypeError)
      expect(error.code).toBe('ERR_INVALID_ARG_VALUE')
      expect(error.message).toMatch(/^createPublicKeyResolver: /)
    }
  })

  it('rejects, rather than throws, when a currentDate function stops returning a Date', async () => {
    let broken = false
    const resolve = createPublicKeyResolver({
      pinnedKeys: [],
      currentDate: () => (broken ? ('soon' as never) : new Date()),
    })
    broken = true
    const pending = resolve('zu')
    await expect(pending).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' })
  })
})

import { describe, expect, it } from 'vitest'
import { parseRetryAfter } from './parse-retry-after.js'

const NOW = Date.parse('2026-11-27T12:00:00Z')

describe('parseRetryAfter', () => {
  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0)
    expect(parseRetryAfter('3', NOW)).toBe(3000)
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120_000)
    expect(parseRetryAfter('007', NOW)).toBe(7000)
  })

  it('caps huge delay-seconds at Number.MAX_SAFE_INTEGER instead of dropping them', () => {
    expect(parseRetryAfter('9999999999', NOW)).toBe(9_999_999_999_000)
    expect(parseRetryAfter('99999999999999', NOW)).toBe(Number.MAX_SAFE_INTEGER)
    expect(parseRetryAfter('9'.repeat(64), NOW)).toBe(Number.MAX_SAFE_INTEGER)
  })

  it('reads an HTTP-date in the future as the time until it', () => {
    expect(parseRetryAfter('Fri, 27 Nov 2026 12:00:30 GMT', NOW)).toBe(30_000)
    expect(parseRetryAfter('Friday, 27-Nov-26 12:01:00 GMT', NOW)).toBe(60_000)
  })

  it('reads an HTTP-date in the past, or now, as 0', () => {
    expect(parseRetryAfter('Fri, 27 Nov 2026 11:59:00 GMT', NOW)).toBe(0)
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:00 GMT', NOW)).toBe(0)
    expect(parseRetryAfter('Fri, 27 Nov 2026 12:00:00 GMT', NOW)).toBe(0)
  })

  it.each([
    ['absent (null)', null],
    ['absent (undefined)', undefined],
    ['empty', ''],
    ['negative', '-1'],
    ['a fraction', '1.5'],
    ['exponent form', '1e3'],
    ['hex', '0x10'],
    ['non-ASCII digits', '٣'],
    ['words', 'soon'],
    ['a date without GMT', 'Fri, 27 Nov 2026 12:00:30'],
    ['a date in another zone', 'Fri, 27 Nov 2026 12:00:30 +0100'],
    ['an ISO date', '2026-11-27T12:00:30Z'],
    ['an impossible date', 'Fri, 99 Foo 2026 99:99:99 GMT'],
    ['a number and garbage', '3 seconds'],
    ['a long header', `Fri, ${'x'.repeat(100_000)} GMT`],
  ])('gives undefined for %s', (_title, value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined()
  })

  it('gives undefined for a date when now is not a number, rather than NaN', () => {
    expect(parseRetryAfter('Fri, 27 Nov 2026 12:00:30 GMT', Number.NaN)).toBeUndefined()
  })
})

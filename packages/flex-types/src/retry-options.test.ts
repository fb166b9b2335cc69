import { describe, expect, it } from 'vitest'
import { readRetryOption } from './retry-options.js'
import { thrown } from './test/thrown.js'
import { isUsageError } from './usage-error.js'

const DEFAULTS = { limit: 2, backoffLimit: 5000, maxRetryAfter: 10_000 }

describe('readRetryOption', () => {
  it('gives a copy of the defaults when absent', () => {
    const read = readRetryOption('fn', undefined, DEFAULTS)
    expect(read).toEqual(DEFAULTS)
    expect(read).not.toBe(DEFAULTS)
  })

  it('reads a number as the limit, 0 to 10', () => {
    expect(readRetryOption('fn', 0, DEFAULTS)).toEqual({ ...DEFAULTS, limit: 0 })
    expect(readRetryOption('fn', 10, DEFAULTS)).toEqual({ ...DEFAULTS, limit: 10 })
    for (const bad of [11, -1, 1.5, Number.NaN]) {
      const error = thrown(() => readRetryOption('fn', bad, DEFAULTS))
      expect(isUsageError(error)).toBe(true)
      expect(error.message).toBe('fn: retry must be a whole number from 0 to 10')
    }
  })

  it('reads each member of an object, defaulting the absent ones', () => {
    expect(readRetryOption('fn', {}, DEFAULTS)).toEqual(DEFAULTS)
    expect(readRetryOption('fn', { backoffLimit: 0 }, DEFAULTS)).toEqual({
      ...DEFAULTS,
      backoffLimit: 0,
    })
    expect(
      readRetryOption('fn', { limit: 1, backoffLimit: 100, maxRetryAfter: 0 }, DEFAULTS),
    ).toEqual({ limit: 1, backoffLimit: 100, maxRetryAfter: 0 })
  })

  it.each([
    ['retry.limit', { limit: 11 }],
    ['retry.limit', { limit: '2' }],
    ['retry.backoffLimit', { backoffLimit: -1 }],
    ['retry.backoffLimit', { backoffLimit: Number.POSITIVE_INFINITY }],
    ['retry.maxRetryAfter', { maxRetryAfter: 2 ** 31 }],
    ['retry.maxRetryAfter', { maxRetryAfter: Number.NaN }],
  ])('names the bad member %s', (member, value) => {
    const error = thrown(() => readRetryOption('createFlexClient', value, DEFAULTS))
    expect(isUsageError(error)).toBe(true)
    expect(error.message.startsWith(`createFlexClient: ${member} must be`)).toBe(true)
  })

  it('refuses an unknown member without echoing its name', () => {
    const error = thrown(() =>
      readRetryOption('fn', { limit: 1, '4000056655665556': true }, DEFAULTS),
    )
    expect(isUsageError(error)).toBe(true)
    expect(error.message).toBe('fn: retry has an unknown member')
    expect(isUsageError(thrown(() => readRetryOption('fn', { limits: 3 }, DEFAULTS)))).toBe(true)
  })

  it.each([
    ['null', null],
    ['an array', [1]],
    ['a string', '2'],
    ['a boolean', true],
  ])('refuses %s', (_title, value) => {
    const error = thrown(() => readRetryOption('fn', value, DEFAULTS))
    expect(isUsageError(error)).toBe(true)
    expect(error.message).toBe('fn: retry must be a number or an object')
  })
})

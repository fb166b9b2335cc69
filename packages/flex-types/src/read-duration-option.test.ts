import { describe, expect, it } from 'vitest'
import {
  MAX_TIMER_DELAY,
  readCountOption,
  readDurationOption,
  readStorageTtl,
} from './read-duration-option.js'
import { thrown } from './test/thrown.js'
import { isUsageError } from './usage-error.js'

describe('readDurationOption', () => {
  const read = (value: unknown, bounds: Partial<Parameters<typeof readDurationOption>[3]> = {}) =>
    readDurationOption('fn', 'timeout', value, { fallback: 1000, ...bounds })

  it('gives the fallback for undefined and the value within bounds', () => {
    expect(read(undefined)).toBe(1000)
    expect(read(1)).toBe(1)
    expect(read(0.5)).toBe(0.5)
    expect(read(MAX_TIMER_DELAY)).toBe(2 ** 31 - 1)
    expect(read(0, { allowZero: true })).toBe(0)
    expect(Object.is(read(-0, { allowZero: true }), 0)).toBe(true)
    expect(read(60_000, { max: 60_000 })).toBe(60_000)
  })

  it.each([
    ['0 without allowZero', 0, {}],
    ['-0 without allowZero', -0, {}],
    ['a negative number', -1, { allowZero: true }],
    ['the timer limit + 1', MAX_TIMER_DELAY + 1, {}],
    ['3e9', 3e9, {}],
    ['max + 1', 60_001, { max: 60_000 }],
    ['NaN', Number.NaN, {}],
    ['Infinity', Number.POSITIVE_INFINITY, {}],
    ['-Infinity', Number.NEGATIVE_INFINITY, { allowZero: true }],
    ['a numeric string', '1000', {}],
    ['null', null, {}],
    ['a boolean', true, {}],
    ['a bigint', 10n, {}],
    ['a Number object', new Number(5), {}],
  ])('refuses %s with a usage error naming the option', (_title, value, bounds) => {
    const error = thrown(() => read(value, bounds))
    expect(isUsageError(error)).toBe(true)
    expect((error as Error).message).toMatch(
      /^fn: timeout must be a (positive|non-negative) number/,
    )
  })

  it('states the bounds, never the value', () => {
    const error = thrown(() => read(123_456_789_012, { max: 60_000 })) as Error
    expect(error.message).toBe(
      'fn: timeout must be a positive number of milliseconds, at most 60000',
    )
    expect(error.message).not.toContain('123456789012')
  })
})

describe('readCountOption', () => {
  const read = (value: unknown) =>
    readCountOption('fn', 'retry.limit', value, { fallback: 2, max: 10 })

  it('gives the fallback for undefined and whole numbers from min to max', () => {
    expect(read(undefined)).toBe(2)
    expect(read(0)).toBe(0)
    expect(read(10)).toBe(10)
    expect(readCountOption('fn', 'n', 1, { fallback: 1, min: 1, max: 3 })).toBe(1)
  })

  it.each([11, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '3', null])('refuses %s', (value) => {
    const error = thrown(() => read(value)) as Error
    expect(isUsageError(error)).toBe(true)
    expect(error.message).toBe('fn: retry.limit must be a whole number from 0 to 10')
  })

  it('honours min', () => {
    expect(
      isUsageError(thrown(() => readCountOption('fn', 'n', 0, { fallback: 1, min: 1, max: 3 }))),
    ).toBe(true)
  })
})

describe('readStorageTtl', () => {
  it('gives whole milliseconds, rounded up, for a positive number within the timer limit', () => {
    expect(readStorageTtl('fn', 1)).toBe(1)
    expect(readStorageTtl('fn', 0.2)).toBe(1)
    expect(readStorageTtl('fn', 30_000.2)).toBe(30_001)
    expect(readStorageTtl('fn', MAX_TIMER_DELAY)).toBe(MAX_TIMER_DELAY)
  })

  it.each([
    undefined,
    null,
    0,
    -1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    MAX_TIMER_DELAY + 1,
    '1000',
  ])('refuses %s as a usage error naming ttl', (ttl) => {
    const error = thrown(() => readStorageTtl('MemoryStorage.set', ttl))
    expect(isUsageError(error)).toBe(true)
    expect(String((error as Error).message)).toMatch(/^MemoryStorage\.set: ttl must be a positive/)
  })
})

import { describe, expect, it, vi } from 'vitest'
import { readCurrentDate } from './read-current-date.js'
import { thrown } from './test/thrown.js'
import { isUsageError } from './usage-error.js'

const AT = new Date('2026-11-27T12:00:00Z')

describe('readCurrentDate', () => {
  it('uses the system clock when absent', () => {
    expect(readCurrentDate('fn', undefined)).toBe(Date.now)
  })

  it('reads a fixed Date once: later changes to the object do not move the clock', () => {
    const date = new Date(AT)
    const now = readCurrentDate('fn', date)
    date.setFullYear(2000)
    expect(now()).toBe(AT.getTime())
    expect(now()).toBe(AT.getTime())
  })

  it('asks a function on every call', () => {
    let time = AT.getTime()
    const clock = vi.fn(() => new Date(time))
    const now = readCurrentDate('fn', clock)
    expect(clock).not.toHaveBeenCalled()
    expect(now()).toBe(AT.getTime())
    time += 60_000
    expect(now()).toBe(AT.getTime() + 60_000)
    expect(clock).toHaveBeenCalledTimes(2)
  })

  it('refuses an invalid Date at once, with a usage error naming currentDate', () => {
    const error = thrown(() => readCurrentDate('verifyCaptureContext', new Date(Number.NaN)))
    expect(isUsageError(error)).toBe(true)
    expect(error.message).toBe('verifyCaptureContext: currentDate must be a valid Date')
  })

  it.each([
    ['a number', AT.getTime()],
    ['an ISO string', AT.toISOString()],
    ['null', null],
    ['a date-like object', { getTime: () => AT.getTime() }],
  ])('refuses %s', (_title, value) => {
    const error = thrown(() => readCurrentDate('fn', value))
    expect(isUsageError(error)).toBe(true)
    expect(error.message).toBe('fn: currentDate must be a Date or a function returning one')
  })

  it.each([
    ['a number', () => AT.getTime()],
    ['an invalid Date', () => new Date('nope')],
    ['undefined', () => undefined],
  ])('throws a usage error when asked, if the function returns %s', (_title, value) => {
    const now = readCurrentDate('fn', value)
    const error = thrown(() => now())
    expect(isUsageError(error)).toBe(true)
    expect(error.message).toBe('fn: currentDate must return a valid Date')
  })
})

import { describe, expect, it } from 'vitest'
import { formatClock, formatDuration, formatTimeLeft } from './format.js'

describe('formatDuration', () => {
  it('keeps a tenth below 10 ms, whole milliseconds below a second, then seconds', () => {
    expect(formatDuration(3.21)).toBe('3.2 ms')
    expect(formatDuration(41.4)).toBe('41 ms')
    expect(formatDuration(1250)).toBe('1.25 s')
  })
})

describe('formatTimeLeft', () => {
  const now = new Date('2030-01-01T00:00:00Z')
  it('shows minutes and padded seconds', () => {
    expect(formatTimeLeft(new Date('2030-01-01T00:14:59Z'), now)).toBe('14:59')
    expect(formatTimeLeft(new Date('2030-01-01T00:00:05Z'), now)).toBe('0:05')
  })
  it('says expired at and after the expiry', () => {
    expect(formatTimeLeft(now, now)).toBe('expired')
    expect(formatTimeLeft(new Date('2029-12-31T23:59:00Z'), now)).toBe('expired')
  })
})

describe('formatClock', () => {
  it('shows the UTC time of day', () => {
    expect(formatClock(new Date('2030-01-01T11:32:05.123Z'))).toBe('11:32:05 UTC')
  })
})

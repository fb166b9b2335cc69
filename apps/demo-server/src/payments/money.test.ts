import { describe, expect, it } from 'vitest'
import { formatMinorUnits, readMinorUnits } from './money.js'

describe('readMinorUnits', () => {
  it('reads amounts in the minor units of their currency', () => {
    expect(readMinorUnits('20.01', 'USD')).toEqual({ minor: 2001n, exponent: 2 })
    expect(readMinorUnits('20.1', 'USD')).toEqual({ minor: 2010n, exponent: 2 })
    expect(readMinorUnits('2001', 'JPY')).toEqual({ minor: 2001n, exponent: 0 })
    expect(readMinorUnits('2.001', 'BHD')).toEqual({ minor: 2001n, exponent: 3 })
    expect(readMinorUnits('999999999999.99', 'USD')).toEqual({
      minor: 99999999999999n,
      exponent: 2,
    })
  })

  it.each([
    ['10.001', 'USD', 'format'],
    ['10.5', 'JPY', 'format'],
    ['1,00', 'USD', 'format'],
    ['-1.00', 'USD', 'format'],
    ['01.00', 'USD', 'format'],
    ['1e3', 'USD', 'format'],
    ['', 'USD', 'format'],
    ['1000000000000', 'USD', 'format'],
    ['0.00', 'USD', 'out-of-range'],
    ['10.00', 'XAU', 'format'],
    ['10.00', 'usd', 'format'],
  ])('refuses %s %s (%s), naming no value', (amount, currency, reason) => {
    const read = readMinorUnits(amount, currency)
    expect(read).toMatchObject({ reason })
    if (amount !== '') expect(JSON.stringify(read)).not.toContain(amount)
  })
})

describe('formatMinorUnits', () => {
  it('writes minor units back as the decimal string flex-payments takes', () => {
    expect(formatMinorUnits(2001n, 2)).toBe('20.01')
    expect(formatMinorUnits(5n, 2)).toBe('0.05')
    expect(formatMinorUnits(0n, 3)).toBe('0.000')
    expect(formatMinorUnits(2001n, 0)).toBe('2001')
    for (const amount of ['0.01', '10.00', '123456.78']) {
      const read = readMinorUnits(amount, 'USD')
      if (!('minor' in read)) throw new Error('not read')
      expect(formatMinorUnits(read.minor, 2)).toBe(amount)
    }
  })
})

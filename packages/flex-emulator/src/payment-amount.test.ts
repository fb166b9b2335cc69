import { describe, expect, it } from 'vitest'
import { currencyExponent, formatAmount, readAmount } from './payment-amount.js'

describe('readAmount and formatAmount', () => {
  it.each([
    ['USD', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['BHD', 3],
    ['KWD', 3],
    ['CLF', 4],
    ['EUR', 2],
    ['XAU', undefined],
    ['XXX', undefined],
    ['ABC', undefined],
  ])('the exponent of %s is %s', (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent)
  })

  it.each([
    ['102.21', 'USD', 10221n, '102.21'],
    ['102.2', 'USD', 10220n, '102.20'],
    ['102', 'USD', 10200n, '102.00'],
    ['102.', 'USD', 10200n, '102.00'],
    ['0.01', 'USD', 1n, '0.01'],
    ['1000', 'JPY', 1000n, '1000'],
    ['1.5', 'BHD', 1500n, '1.500'],
    ['999999999999.9999', 'CLF', 9999999999999999n, '999999999999.9999'],
  ])('reads %s %s as %s minor units and writes it back', (value, currency, minor, written) => {
    expect(readAmount(value, currency)).toEqual({ minor, currency })
    expect(formatAmount(minor, currency)).toBe(written)
  })

  it.each([
    ['1.001', 'USD', 'decimals'],
    ['1.5', 'JPY', 'decimals'],
    ['-1', 'USD', 'shape'],
    ['+1', 'USD', 'shape'],
    ['1e2', 'USD', 'shape'],
    ['.5', 'USD', 'shape'],
    [' 1', 'USD', 'shape'],
    ['1,00', 'USD', 'shape'],
    ['1234567890123', 'USD', 'shape'],
    ['', 'USD', 'shape'],
    ['١', 'USD', 'shape'],
  ])('refuses %j in %s (%s)', (value, currency, problem) => {
    expect(readAmount(value, currency)).toBe(problem)
  })
})

import { describe, expect, it } from 'vitest'
import { CURRENCY_CODES } from './currency-codes.js'
import { getCurrencyExponent } from './currency-exponents.js'

describe('getCurrencyExponent', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['ISK', 0],
    ['BHD', 3],
    ['TND', 3],
    ['CLF', 4],
    ['UYW', 4],
  ])('gives %s %i decimals', (currency, exponent) => {
    expect(getCurrencyExponent(currency)).toBe(exponent)
  })

  it.each(['XAU', 'XXX', 'XDR', 'usd', 'US', '', 'toString', '__proto__'])(
    'knows no exponent for %j',
    (currency) => {
      expect(getCurrencyExponent(currency)).toBeUndefined()
    },
  )

  it('has an exponent for every active ISO 4217 code but those without a minor unit', () => {
    const NO_MINOR_UNIT = 'XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XTS XUA XXX'.split(' ')
    for (const code of CURRENCY_CODES) {
      expect({ code, known: getCurrencyExponent(code) !== undefined }).toEqual({
        code,
        known: !NO_MINOR_UNIT.includes(code),
      })
    }
  })
})

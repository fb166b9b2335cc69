import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isValidCardNumber, passesLuhn } from './passes-luhn.js'

describe('passesLuhn and isValidCardNumber', () => {
  it('agrees with known numbers', () => {
    expect(passesLuhn('4242424242424242')).toBe(true)
    expect(passesLuhn('4242424242424241')).toBe(false)
    expect(passesLuhn('')).toBe(false)
    expect(passesLuhn('42a2')).toBe(false)
    expect(isValidCardNumber('4242-4242 4242-4242')).toBe(true)
    expect(isValidCardNumber('00000000000')).toBe(false)
    expect(isValidCardNumber('000000000000')).toBe(true)
    expect(isValidCardNumber('0'.repeat(20))).toBe(false)
  })

  it('detects every single-digit change (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 18 }),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (body, position, delta) => {
          const digits = body.join('')
          const check = [...'0123456789'].find((d) => passesLuhn(digits + d)) as string
          const valid = digits + check
          const index = position % valid.length
          const changed =
            valid.slice(0, index) +
            String((Number(valid[index]) + delta) % 10) +
            valid.slice(index + 1)
          expect(passesLuhn(valid)).toBe(true)
          expect(passesLuhn(changed)).toBe(false)
        },
      ),
    )
  })
})

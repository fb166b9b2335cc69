import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { detectCardBrand } from './detect-card-brand.js'
import { maskCardNumber } from './mask-card-number.js'
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

describe('detectCardBrand', () => {
  it.each([
    ['4111111111111111', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['378282246310005', 'amex'],
    ['6011111111111117', 'discover'],
    ['6445644564456445', 'discover'],
    ['30569309025904', 'diners'],
    ['36227206271667', 'diners'],
    ['3530111333300000', 'jcb'],
    ['6200000000000005', 'unionpay'],
    ['6759649826438453', 'maestro'],
    ['5018000000000009', 'maestro'],
    ['9999999999999995', 'unknown'],
    ['', 'unknown'],
    ['abc', 'unknown'],
  ])('%#: BIN → %s', (number, brand) => {
    expect(detectCardBrand(number)).toBe(brand)
  })
})

describe('maskCardNumber', () => {
  it('shows the last four by default and the first six on request', () => {
    expect(maskCardNumber('4111 1111 1111 1111')).toBe('XXXXXXXXXXXX1111')
    expect(maskCardNumber('4111111111111111', { visibleStart: 6 })).toBe('411111XXXXXX1111')
    expect(maskCardNumber('378282246310005', { visibleEnd: 0, maskCharacter: '*' })).toBe(
      '***************',
    )
  })

  it('refuses more than PCI DSS allows and non-card input, without echoing it', () => {
    expect(() => maskCardNumber('4111111111111111', { visibleStart: 7 })).toThrow(TypeError)
    expect(() => maskCardNumber('4111111111111111', { visibleEnd: 5 })).toThrow(TypeError)
    expect(() => maskCardNumber('4111111111111111', { maskCharacter: '1' })).toThrow(TypeError)
    try {
      maskCardNumber('41111111111111111111111')
    } catch (error) {
      expect(String(error)).not.toContain('4111111111')
      return
    }
    throw new Error('expected a TypeError')
  })

  it('never leaves more than 10 digits visible (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{12,19}$/),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 4 }),
        (number, visibleStart, visibleEnd) => {
          const masked = maskCardNumber(number, { visibleStart, visibleEnd })
          expect(masked).toHaveLength(number.length)
          expect(masked.replace(/\D/g, '').length).toBeLessThanOrEqual(visibleStart + visibleEnd)
        },
      ),
    )
  })
})

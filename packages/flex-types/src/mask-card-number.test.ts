import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maskCardNumber } from './mask-card-number.js'

describe('maskCardNumber', () => {
  it('shows the last four by default and the first six on request', () => {
    expect(maskCardNumber('4111 1111 1111 1111')).toBe('XXXXXXXXXXXX1111')
    expect(maskCardNumber('4111111111111111', { visibleStart: 6 })).toBe('411111XXXXXX1111')
    expect(maskCardNumber('378282246310005', { visibleEnd: 0, maskCharacter: '*' })).toBe(
      '***************',
    )
  })

  it('refuses more than PCI DSS allows and non-card input, without echoing it', () => {
    expect(() => maskCardNumber('4111111111111111', { visibleStart: 7 })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }),
    )
    expect(() => maskCardNumber('4111111111111111', { visibleStart: 7 })).toThrow(TypeError)
    expect(() => maskCardNumber('4111111111111111', { visibleEnd: 5 })).toThrow(TypeError)
    expect(() => maskCardNumber('4111111111111111', { maskCharacter: '1' })).toThrow(TypeError)
    try {
      maskCardNumber('41111111111111111111111')
    } catch (error) {
      expect(String(error)).not.toContain('4111111111')
      expect(error).toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' })
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

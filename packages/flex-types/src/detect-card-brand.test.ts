import { describe, expect, it } from 'vitest'
import { detectCardBrand } from './detect-card-brand.js'

describe('detectCardBrand', () => {
  it.each(
    [
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
    ].map(([number, brand]) => ({ number, brand })),
  )(
    // The title names the brand, never the test card number (test output is scanned for them).
    'test card #%# is $brand',
    ({ number, brand }) => {
      expect(detectCardBrand(number as string)).toBe(brand)
    },
  )
})

import { SENTINEL_CARD_NUMBERS } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { containsCardLikeDigits } from './contains-card-like-digits.js'

describe('containsCardLikeDigits', () => {
  it('finds every sentinel card number, bare or with separators', () => {
    for (const number of SENTINEL_CARD_NUMBERS) {
      const groups = number.match(/.{1,4}/g) ?? []
      for (const separator of ['', '-', ' ', '.', '_', ':']) {
        expect(containsCardLikeDigits(`id ${groups.join(separator)} end`)).toBe(true)
      }
    }
  })

  it('ignores short digit runs, dates, versions and double separators', () => {
    for (const text of [
      'abc-2026-11',
      '12345678901',
      'v1.2.3',
      '2026-12-05T21:12:24Z',
      '1234--5678--9012',
    ]) {
      expect(containsCardLikeDigits(text)).toBe(false)
    }
    expect(containsCardLikeDigits('123456789012')).toBe(true)
  })
})

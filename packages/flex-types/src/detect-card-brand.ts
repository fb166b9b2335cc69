import { normalizeCardNumber } from './passes-luhn.js'

/** The card brands recognised from a BIN, and the Cybersource card type code of each. */
export const CARD_BRAND_TYPE_CODES = {
  visa: '001',
  mastercard: '002',
  amex: '003',
  discover: '004',
  diners: '005',
  jcb: '007',
  maestro: '042',
  unionpay: '062',
} as const

/** A brand recognised by `detectCardBrand`, or `'unknown'`. */
export type CardBrand = keyof typeof CARD_BRAND_TYPE_CODES | 'unknown'

type Range = readonly [low: number, high: number, digits: number]

// Most specific ranges first: Discover's and Maestro's ranges sit inside broader prefixes.
const BRAND_RANGES: readonly (readonly [Exclude<CardBrand, 'unknown'>, readonly Range[]])[] = [
  ['visa', [[4, 4, 1]]],
  [
    'mastercard',
    [
      [51, 55, 2],
      [2221, 2720, 4],
    ],
  ],
  [
    'amex',
    [
      [34, 34, 2],
      [37, 37, 2],
    ],
  ],
  [
    'diners',
    [
      [300, 305, 3],
      [3095, 3095, 4],
      [36, 36, 2],
      [38, 39, 2],
    ],
  ],
  ['jcb', [[3528, 3589, 4]]],
  [
    'discover',
    [
      [6011, 6011, 4],
      [644, 649, 3],
      [65, 65, 2],
    ],
  ],
  ['unionpay', [[62, 62, 2]]],
  [
    'maestro',
    [
      [50, 50, 2],
      [56, 58, 2],
      [6304, 6304, 4],
      [6759, 6759, 4],
      [676770, 676770, 6],
      [676774, 676774, 6],
      [6761, 6763, 4],
    ],
  ],
]

/**
 * Detects the card brand from the leading digits (the BIN) of a card number. Works on a full
 * number or on a BIN of 6–8 digits; spaces and dashes are ignored.
 *
 * @example
 * ```ts
 * detectCardBrand('4111 1111 1111 1111') // 'visa'
 * detectCardBrand('378282246310005') // 'amex'
 * ```
 */
export function detectCardBrand(cardNumber: string): CardBrand {
  const digits = normalizeCardNumber(cardNumber)
  if (!/^\d+$/.test(digits)) return 'unknown'
  for (const [brand, ranges] of BRAND_RANGES) {
    for (const [low, high, length] of ranges) {
      if (digits.length < length) continue
      const prefix = Number(digits.slice(0, length))
      if (prefix >= low && prefix <= high) return brand
    }
  }
  return 'unknown'
}

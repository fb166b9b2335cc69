import type { CardBrand } from './detect-card-brand.js'

/** The digits a card number and its security code may have for one brand. */
export interface CardBrandRule {
  /** The brand's name as a person reads it, for messages. */
  name: string
  /** Every allowed count of digits of the card number. */
  numberLengths: readonly number[]
  /** The number of digits of the security code (CVV2, CVC2, CID). */
  securityCodeLength: number
}

/**
 * The card number and security code lengths of each brand that `detectCardBrand` recognises
 * (the README's table gives the public source of each). A number of an unknown brand may have
 * 12–19 digits and its security code 3 or 4.
 *
 * @example
 * ```ts
 * CARD_BRAND_RULES.amex.securityCodeLength // 4
 * CARD_BRAND_RULES.visa.numberLengths // [13, 16, 19]
 * ```
 */
export const CARD_BRAND_RULES: Readonly<Record<Exclude<CardBrand, 'unknown'>, CardBrandRule>> =
  Object.freeze({
    visa: { name: 'Visa', numberLengths: [13, 16, 19], securityCodeLength: 3 },
    mastercard: { name: 'Mastercard', numberLengths: [16], securityCodeLength: 3 },
    amex: { name: 'American Express', numberLengths: [15], securityCodeLength: 4 },
    discover: { name: 'Discover', numberLengths: [16, 17, 18, 19], securityCodeLength: 3 },
    diners: {
      name: 'Diners Club',
      numberLengths: [14, 15, 16, 17, 18, 19],
      securityCodeLength: 3,
    },
    jcb: { name: 'JCB', numberLengths: [16, 17, 18, 19], securityCodeLength: 3 },
    maestro: {
      name: 'Maestro',
      numberLengths: [12, 13, 14, 15, 16, 17, 18, 19],
      securityCodeLength: 3,
    },
    unionpay: { name: 'UnionPay', numberLengths: [16, 17, 18, 19], securityCodeLength: 3 },
  })

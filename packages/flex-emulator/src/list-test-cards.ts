import type { CardBrand } from 'flex-types'
import { MAX_EXPIRY_YEARS_AHEAD } from './capture-field-rules.js'

/** Which expiry dates the emulator takes for a test card. */
export interface TestCardExpiryRule {
  /** The earliest: the current month, UTC, on the emulator clock (a card is valid through its month). */
  notBefore: 'current-month'
  /** The latest year, counted from the current one (`expirationYear` beyond it is refused). */
  maxYearsAhead: number
  description: string
}

/** A card number the emulator approves (unless the amount or security code is a trigger). */
export interface TestCard {
  /** Digits only. A public test number: it must never be a real card. */
  number: string
  brand: Exclude<CardBrand, 'unknown'>
  /** The brand as printed, e.g. `American Express`. */
  brandName: string
  /** Digits of the security code this brand takes: any code of that length is matched (`M`) except the trigger codes. */
  securityCodeLength: 3 | 4
  expiry: TestCardExpiryRule
}

const EXPIRY: TestCardExpiryRule = {
  notBefore: 'current-month',
  maxYearsAhead: MAX_EXPIRY_YEARS_AHEAD,
  description: `any month from the current one (UTC) to December ${MAX_EXPIRY_YEARS_AHEAD} years ahead`,
}

// Widely published test numbers (the networks' and gateways' sandbox lists), one per brand the
// emulator knows; each passes Luhn and its brand's length rule.
const CARDS: readonly (readonly [TestCard['brand'], string, string, 3 | 4])[] = [
  ['visa', 'Visa', '4111111111111111', 3],
  ['mastercard', 'Mastercard', '5555555555554444', 3],
  ['amex', 'American Express', '378282246310005', 4],
  ['discover', 'Discover', '6011111111111117', 3],
  ['diners', 'Diners Club', '30569309025904', 3],
  ['jcb', 'JCB', '3566111111111113', 3],
  ['maestro', 'Maestro', '6304000000000000', 3],
  ['unionpay', 'UnionPay', '6200000000000005', 3],
]

/**
 * The test cards the emulator approves, one per card brand it knows: number, brand, security-code
 * length and the expiry dates it takes. With `listPaymentTestTriggers()`, for test-card pages.
 *
 * @example
 * ```ts
 * import { listTestCards } from 'flex-emulator'
 *
 * for (const card of listTestCards())
 *   console.log(card.brandName, card.number, `${card.securityCodeLength}-digit code`, card.expiry.description)
 * ```
 */
export function listTestCards(): readonly TestCard[] {
  return CARDS.map(([brand, brandName, number, securityCodeLength]) => ({
    number,
    brand,
    brandName,
    securityCodeLength,
    expiry: EXPIRY,
  }))
}

import type { IssuedTokenFacts } from './payment-record.js'
import { type PaymentRefusal, refuseField } from './payment-refusal.js'
import { type CardVerificationResult, cardVerificationResultOf } from './payment-triggers.js'
import { isRefusal, type JsonObject, optionalString } from './read-payment-request.js'

const MONTH = 'paymentInformation.card.expirationMonth'
const YEAR = 'paymentInformation.card.expirationYear'
const SECURITY_CODE = 'paymentInformation.card.securityCode'
const POSTAL_CODE = 'orderInformation.billTo.postalCode'

/** What the authorization decides on, once the request's fields have overridden the token's. */
export interface EffectiveCard {
  cvnResult: CardVerificationResult | undefined
  hasBillingPostalCode: boolean
  cardExpired: boolean
}

function readShaped(
  body: JsonObject,
  path: string,
  now: Date,
  pattern: RegExp,
  expected: string,
): string | undefined | PaymentRefusal {
  const value = optionalString(body, path, now, 4)
  if (value === undefined || isRefusal(value) || pattern.test(value)) return value
  return refuseField(now, path, 'INVALID_DATA', `${path} must be ${expected}`)
}

/**
 * The card as the processor sees it: each of the request's expiry, security code and billing
 * postal code supersedes the token's, field by field (docs/protocol.md 14.9). A card is valid
 * through its expiration month (UTC, on the emulator clock).
 */
export function readCardOverrides(
  body: JsonObject,
  now: Date,
  token: IssuedTokenFacts,
): EffectiveCard | PaymentRefusal {
  const month = readShaped(body, MONTH, now, /^(?:0[1-9]|1[012])$/, 'two digits, 01 to 12')
  if (isRefusal(month)) return month
  const year = readShaped(body, YEAR, now, /^[0-9]{4}$/, 'a four-digit year')
  if (isRefusal(year)) return year
  const securityCode = readShaped(body, SECURITY_CODE, now, /^[0-9]{3,4}$/, '3 or 4 digits')
  if (isRefusal(securityCode)) return securityCode
  const postalCode = optionalString(body, POSTAL_CODE, now, 10)
  if (isRefusal(postalCode)) return postalCode
  const expiryMonth = month === undefined ? token.expiration?.month : Number(month)
  const expiryYear = year === undefined ? token.expiration?.year : Number(year)
  const cardExpired =
    expiryMonth !== undefined &&
    expiryYear !== undefined &&
    expiryYear * 12 + expiryMonth <= now.getUTCFullYear() * 12 + now.getUTCMonth()
  return {
    cvnResult:
      securityCode === undefined ? token.cvnResult : cardVerificationResultOf(securityCode),
    hasBillingPostalCode: postalCode !== undefined || token.hasBillingPostalCode,
    cardExpired,
  }
}

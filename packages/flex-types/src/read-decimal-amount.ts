import { getCurrencyExponent } from './currency-exponents.js'
import { FLEX_FIELD_REASONS, type FlexFieldIssue } from './flex-error.js'
import { createUsageError } from './usage-error.js'

/** The longest amount accepted, in characters (the API reference gives `totalAmount` 19). */
export const MAX_AMOUNT_LENGTH = 19

const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/

/**
 * Reads an ISO 4217 currency code and returns its exponent, or adds an issue naming `field` and
 * returns `undefined`. A value that is not a string is a usage error.
 *
 * @example
 * ```ts
 * const issues: FlexFieldIssue[] = []
 * readCurrencyCode('createUnifiedCheckoutSession', 'currency', 'JPY', issues) // 0
 * ```
 */
export function readCurrencyCode(
  caller: string,
  field: string,
  value: unknown,
  issues: FlexFieldIssue[],
): number | undefined {
  if (typeof value !== 'string') {
    throw createUsageError(caller, field, 'must be an ISO 4217 currency code string such as "USD"')
  }
  const exponent = getCurrencyExponent(value)
  if (exponent === undefined) {
    issues.push({
      path: field,
      reason: FLEX_FIELD_REASONS.FORMAT,
      message: 'must be an upper-case ISO 4217 currency code that has a minor unit, such as USD',
    })
  }
  return exponent
}

/**
 * Reads an amount given as a decimal string (`"10.00"`, never a number) and returns it in minor
 * units (cents for USD), or adds issues naming `field` (never the value) and returns `undefined`.
 * At most `exponent` decimals, more than zero, at most 19 characters; without a known `exponent`
 * only the shape is checked.
 *
 * @example
 * ```ts
 * const issues: FlexFieldIssue[] = []
 * readDecimalAmount('createUnifiedCheckoutSession', 'amount', '19.99', 2, issues) // 1999n
 * readDecimalAmount('createUnifiedCheckoutSession', 'amount', '5.5', 0, issues) // undefined, 1 issue
 * ```
 */
export function readDecimalAmount(
  caller: string,
  field: string,
  value: unknown,
  exponent: number | undefined,
  issues: FlexFieldIssue[],
): bigint | undefined {
  if (typeof value !== 'string') {
    throw createUsageError(
      caller,
      field,
      'must be a decimal string such as "10.00", never a number',
    )
  }
  const refuse = (reason: FlexFieldIssue['reason'], message: string): undefined => {
    issues.push({ path: field, reason, message })
    return undefined
  }
  if (value.length > MAX_AMOUNT_LENGTH) {
    return refuse(FLEX_FIELD_REASONS.LENGTH, `must be at most ${MAX_AMOUNT_LENGTH} characters long`)
  }
  if (value.startsWith('-'))
    return refuse(FLEX_FIELD_REASONS.OUT_OF_RANGE, 'must be more than zero')
  const match = DECIMAL.exec(value)
  if (!match) {
    return refuse(
      FLEX_FIELD_REASONS.FORMAT,
      'must be digits with an optional decimal point, such as 10.00',
    )
  }
  if (exponent === undefined) return undefined
  const decimals = (match[2] ?? '.').slice(1)
  if (decimals.length > exponent) {
    return refuse(
      FLEX_FIELD_REASONS.FORMAT,
      exponent === 0
        ? 'must be a whole number: its currency has no decimals'
        : `must have at most ${exponent} decimals for its currency`,
    )
  }
  const minorUnits = BigInt(`${match[1]}${decimals.padEnd(exponent, '0')}`)
  if (minorUnits === 0n) return refuse(FLEX_FIELD_REASONS.OUT_OF_RANGE, 'must be more than zero')
  return minorUnits
}

import { FLEX_FIELD_REASONS, type FlexFieldIssue } from 'flex-types'
import { readCurrencyCode, readDecimalAmount } from 'flex-types/internal'

/** `amountDetails` of a request: `{ totalAmount, currency }` as given. */
export interface AmountDetails {
  totalAmount: string
  currency: string
}

/** How `readMoney` reads: both or neither (`optional`), and an option the amount may not exceed. */
export interface ReadMoneyRules {
  optional?: boolean
  /** The name of an option holding a decimal amount in the same currency, when given. */
  atMost?: string
}

/**
 * Reads `amount` and `currency` together (both or neither when `optional`), and the `atMost`
 * option when given (the amount may not be more), adding issues; returns the amount details to
 * send.
 */
export function readMoney(
  caller: string,
  options: { amount?: unknown; currency?: unknown },
  issues: FlexFieldIssue[],
  rules: ReadMoneyRules = {},
): AmountDetails | undefined {
  if (rules.optional && options.amount === undefined && options.currency === undefined) {
    return undefined
  }
  const exponent = readCurrencyCode(caller, 'currency', options.currency, issues)
  const amount = readDecimalAmount(caller, 'amount', options.amount, exponent, issues)
  const { atMost } = rules
  const limit = atMost === undefined ? undefined : (options as Record<string, unknown>)[atMost]
  if (atMost !== undefined && limit !== undefined) {
    const most = readDecimalAmount(caller, atMost, limit, exponent, issues)
    if (amount !== undefined && most !== undefined && amount > most) {
      issues.push({
        path: 'amount',
        reason: FLEX_FIELD_REASONS.OUT_OF_RANGE,
        message: `must not be more than ${atMost}`,
      })
    }
  }
  return { totalAmount: options.amount as string, currency: options.currency as string }
}

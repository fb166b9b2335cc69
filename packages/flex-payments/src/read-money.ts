import type { FlexFieldIssue } from 'flex-types'
import { readCurrencyCode, readDecimalAmount } from 'flex-types/internal'

/** `amountDetails` of a request: `{ totalAmount, currency }` as given. */
export interface AmountDetails {
  totalAmount: string
  currency: string
}

/**
 * Reads `amount` and `currency` together (both or neither when `optional`), adding issues; returns
 * the amount details to send.
 */
export function readMoney(
  caller: string,
  options: { amount?: unknown; currency?: unknown },
  issues: FlexFieldIssue[],
  optional = false,
): AmountDetails | undefined {
  if (optional && options.amount === undefined && options.currency === undefined) return undefined
  const exponent = readCurrencyCode(caller, 'currency', options.currency, issues)
  readDecimalAmount(caller, 'amount', options.amount, exponent, issues)
  return { totalAmount: options.amount as string, currency: options.currency as string }
}

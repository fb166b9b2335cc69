import { getCurrencyExponent } from 'flex-payments'

const AMOUNT_SHAPE = /^(0|[1-9]\d{0,11})(\.\d+)?$/

/** An amount that was read: its minor units and the currency's exponent. */
export interface ReadAmount {
  minor: bigint
  exponent: number
}

/** Why an amount was refused, as a sentence that names no value. */
export type AmountProblem = { reason: 'format' | 'out-of-range'; message: string }

/**
 * Reads a decimal amount in a currency's minor units, refusing what flex-payments would refuse
 * (a sign, a comma, more decimals than the currency has, zero), so the form can say so before any
 * call to Flex.
 *
 * @example
 * ```ts
 * readMinorUnits('20.01', 'USD') // { minor: 2001n, exponent: 2 }
 * ```
 */
export function readMinorUnits(amount: string, currency: string): ReadAmount | AmountProblem {
  const exponent = getCurrencyExponent(currency)
  if (exponent === undefined) {
    return { reason: 'format', message: 'must be an ISO 4217 currency code such as USD' }
  }
  const match = AMOUNT_SHAPE.exec(amount)
  const decimals = match?.[2]?.slice(1) ?? ''
  if (!match || decimals.length > exponent) {
    const example = exponent === 0 ? '49' : `49.${'9'.repeat(exponent)}`
    return {
      reason: 'format',
      message: `must be an amount such as ${example}, with at most ${exponent} decimals`,
    }
  }
  const minor = BigInt(`${match[1]}${decimals.padEnd(exponent, '0')}`)
  if (minor === 0n) return { reason: 'out-of-range', message: 'must be more than zero' }
  return { minor, exponent }
}

/**
 * Writes minor units as the decimal string flex-payments takes.
 *
 * @example
 * ```ts
 * formatMinorUnits(2001n, 2) // '20.01'
 * ```
 */
export function formatMinorUnits(minor: bigint, exponent: number): string {
  if (exponent === 0) return minor.toString()
  const digits = minor.toString().padStart(exponent + 1, '0')
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`
}

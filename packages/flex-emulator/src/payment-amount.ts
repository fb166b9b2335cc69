import { isKnownCurrency } from './capture-field-rules.js'

// ISO 4217 minor units where they are not 2 (the emulator's own list, apart from flex-types).
// Funds and precious metals (XAU, XDR, …) have none ("N.A.") and cannot be paid in.
const EXPONENTS: Record<string, number> = {
  ...Object.fromEntries(
    'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'
      .split(' ')
      .map((code) => [code, 0]),
  ),
  ...Object.fromEntries('BHD IQD JOD KWD LYD OMR TND'.split(' ').map((code) => [code, 3])),
  CLF: 4,
  UYW: 4,
}
const NO_MINOR_UNIT = new Set('XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XTS XUA XXX'.split(' '))

/** The number of decimals of a payable currency, or undefined for a code that cannot be paid in. */
export function currencyExponent(currency: string): number | undefined {
  if (!isKnownCurrency(currency) || NO_MINOR_UNIT.has(currency)) return undefined
  return EXPONENTS[currency] ?? 2
}

/** An amount read from its decimal string, in minor units of its currency. */
export interface PaymentAmount {
  minor: bigint
  currency: string
}

/** Why an amount string was refused (a message that never repeats it). */
export type AmountProblem = 'shape' | 'decimals'

const AMOUNT_SHAPE = /^([0-9]{1,12})(?:\.([0-9]{0,4}))?$/

/**
 * Reads `"102.21"` as 10221 minor units of `currency`: at most 12 integer digits and no more
 * decimals than the currency's exponent (the service would truncate them; the emulator refuses).
 */
export function readAmount(value: string, currency: string): PaymentAmount | AmountProblem {
  const exponent = currencyExponent(currency) ?? 2
  const match = AMOUNT_SHAPE.exec(value)
  if (!match) return 'shape'
  const decimals = match[2] ?? ''
  if (decimals.length > exponent) return 'decimals'
  const minor =
    BigInt(match[1] ?? '0') * 10n ** BigInt(exponent) +
    BigInt(decimals.padEnd(exponent, '0') || '0')
  return { minor, currency }
}

/** Writes minor units back as the decimal string the service answers with (`"102.21"`). */
export function formatAmount(minor: bigint, currency: string): string {
  const exponent = currencyExponent(currency) ?? 2
  if (exponent === 0) return minor.toString()
  const digits = minor.toString().padStart(exponent + 1, '0')
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`
}

import { normalizeCardNumber } from './passes-luhn.js'
import { createUsageError } from './usage-error.js'

/** How much of a card number `maskCardNumber` leaves visible (PCI DSS: first 6 and last 4 at most). */
export interface MaskCardNumberOptions {
  /** Leading digits to show, 0–6. Default 0. */
  visibleStart?: number
  /** Trailing digits to show, 0–4. Default 4. */
  visibleEnd?: number
  /** The character that replaces hidden digits. Default `X`. */
  maskCharacter?: string
}

/**
 * Masks a card number, showing at most the first 6 and the last 4 digits (default: last 4).
 *
 * @throws TypeError (`ERR_INVALID_ARG_VALUE`) when the input is not 12–19 digits (spaces and dashes allowed) or the
 * options ask for more than PCI DSS allows. The message never contains the input.
 * @example
 * ```ts
 * maskCardNumber('4111111111111111') // 'XXXXXXXXXXXX1111'
 * maskCardNumber('4111111111111111', { visibleStart: 6 }) // '411111XXXXXX1111'
 * ```
 */
export function maskCardNumber(cardNumber: string, options: MaskCardNumberOptions = {}): string {
  const { visibleStart = 0, visibleEnd = 4, maskCharacter = 'X' } = options
  if (!Number.isInteger(visibleStart) || visibleStart < 0 || visibleStart > 6) {
    throw createUsageError(
      'maskCardNumber',
      'options.visibleStart',
      'must be an integer from 0 to 6',
    )
  }
  if (!Number.isInteger(visibleEnd) || visibleEnd < 0 || visibleEnd > 4) {
    throw createUsageError('maskCardNumber', 'options.visibleEnd', 'must be an integer from 0 to 4')
  }
  if (maskCharacter.length !== 1 || /\d/.test(maskCharacter)) {
    throw createUsageError(
      'maskCardNumber',
      'options.maskCharacter',
      'must be one non-digit character',
    )
  }
  const digits = typeof cardNumber === 'string' ? normalizeCardNumber(cardNumber) : ''
  if (!/^\d{12,19}$/.test(digits)) {
    throw createUsageError('maskCardNumber', 'the card number', 'must be 12 to 19 digits')
  }
  const hidden = digits.length - visibleStart - visibleEnd
  return (
    digits.slice(0, visibleStart) +
    maskCharacter.repeat(hidden) +
    digits.slice(digits.length - visibleEnd)
  )
}

/**
 * Tells whether a string of digits passes the Luhn checksum (false for anything but digits).
 *
 * @example
 * ```ts
 * passesLuhn('4242424242424242') // true
 * ```
 */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false
  let sum = 0
  for (let index = 0; index < digits.length; index += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48
    if (index % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}

/** Removes the spaces and dashes people type into card numbers. */
export function normalizeCardNumber(value: string): string {
  return value.replace(/[\s-]/g, '')
}

/**
 * Tells whether a card number is plausible: 12–19 digits after removing spaces and dashes, and
 * passing Luhn.
 *
 * @example
 * ```ts
 * isValidCardNumber('4242 4242 4242 4242') // true
 * ```
 */
export function isValidCardNumber(value: string): boolean {
  const digits = normalizeCardNumber(value)
  return digits.length >= 12 && digits.length <= 19 && passesLuhn(digits)
}

// Twelve or more digits, each pair at most one separator apart: `4111111111111111`,
// `4111-1111-1111-1111`, `4111 1111 1111 1111`, `4111.1111_1111:1111`.
const CARD_LIKE_DIGITS = /\d(?:[-_.: ]?\d){11,}/

/**
 * The one guard the packages put before copying text they did not write (a service's answer, a
 * token's kid) into an error or result: `true` when the text holds a run of 12 or more digits,
 * with or without single separators, as a card number would.
 *
 * @example
 * ```ts
 * containsCardLikeDigits('4111-1111-1111-1111') // true
 * containsCardLikeDigits('abc-2026-11') // false
 * ```
 */
export function containsCardLikeDigits(text: string): boolean {
  return CARD_LIKE_DIGITS.test(text)
}

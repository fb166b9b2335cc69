/**
 * A duration in milliseconds to a tenth of one, as logs and stored records keep it: the random
 * trailing digits of a float measure nothing (and can look like a card number to a leak scan).
 *
 * @example
 * ```ts
 * roundDuration(12.345678901234) // 12.3
 * ```
 */
export function roundDuration(ms: number): number {
  return Math.round(ms * 10) / 10
}

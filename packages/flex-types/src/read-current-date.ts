import { createUsageError } from './usage-error.js'

/**
 * The one clock option of the packages: a fixed `Date` (a per-call check at that instant) or a
 * function returning the current `Date` (long-lived objects such as a key resolver ask it each
 * time). Absent, the system clock is used.
 */
export type CurrentDateOption = Date | (() => Date)

/**
 * Reads a `currentDate` option into a function that returns milliseconds since the epoch; a
 * function that returns something other than a valid `Date` throws a usage error when asked.
 *
 * @example
 * ```ts
 * const now = readCurrentDate('verifyCaptureContext', options.currentDate)
 * const seconds = Math.floor(now() / 1000)
 * ```
 */
export function readCurrentDate(caller: string, value: unknown): () => number {
  if (value === undefined) return Date.now
  if (value instanceof Date) {
    const time = value.getTime()
    if (Number.isNaN(time)) throw createUsageError(caller, 'currentDate', 'must be a valid Date')
    return () => time
  }
  if (typeof value === 'function') {
    return () => {
      const date: unknown = value()
      if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
        throw createUsageError(caller, 'currentDate', 'must return a valid Date')
      }
      return date.getTime()
    }
  }
  throw createUsageError(caller, 'currentDate', 'must be a Date or a function returning one')
}

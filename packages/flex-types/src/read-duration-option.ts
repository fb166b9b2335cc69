import { createUsageError } from './usage-error.js'

/** The longest timer WebCrypto-era runtimes honour: Node clamps longer delays to 1 ms. */
export const MAX_TIMER_DELAY = 2_147_483_647

/** Bounds of one duration option, in milliseconds. */
export interface DurationBounds {
  /** The default when the option is `undefined`. */
  fallback: number
  /** Accept 0 (default false: the value must be positive). */
  allowZero?: boolean
  /** The largest accepted value (default `MAX_TIMER_DELAY`). */
  max?: number
}

/**
 * Reads one duration option (milliseconds): `undefined` gives the fallback; anything but a finite
 * number within the bounds is a usage error that names the option.
 *
 * @example
 * ```ts
 * const timeout = readDurationOption('createFlexClient', 'timeout', options.timeout, { fallback: 30_000 })
 * ```
 */
export function readDurationOption(
  caller: string,
  option: string,
  value: unknown,
  bounds: DurationBounds,
): number {
  if (value === undefined) return bounds.fallback
  const max = bounds.max ?? MAX_TIMER_DELAY
  const low = bounds.allowZero ? 'a non-negative' : 'a positive'
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    (value === 0 && !bounds.allowZero) ||
    value > max
  ) {
    throw createUsageError(caller, option, `must be ${low} number of milliseconds, at most ${max}`)
  }
  return value === 0 ? 0 : value
}

/**
 * Reads a whole-number count option such as a retry limit: `undefined` gives the fallback.
 *
 * @example
 * ```ts
 * const limit = readCountOption('createFlexClient', 'retry.limit', options.retry, { fallback: 2, max: 10 })
 * ```
 */
export function readCountOption(
  caller: string,
  option: string,
  value: unknown,
  bounds: { fallback: number; min?: number; max: number },
): number {
  if (value === undefined) return bounds.fallback
  const min = bounds.min ?? 0
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > bounds.max) {
    throw createUsageError(caller, option, `must be a whole number from ${min} to ${bounds.max}`)
  }
  return value
}

/**
 * Reads the `ttl` of a `FlexStorage` write: a positive number of milliseconds up to
 * `MAX_TIMER_DELAY`, rounded up to a whole one; anything else (`undefined` included) is a usage
 * error, so that a storage never stores a mark that does not hold.
 *
 * @example
 * ```ts
 * readStorageTtl('MemoryStorage.setIfAbsent', 30_000.2) // 30_001
 * ```
 */
export function readStorageTtl(caller: string, ttl: unknown): number {
  return Math.ceil(readDurationOption(caller, 'ttl', ttl ?? Number.NaN, { fallback: 1 }))
}

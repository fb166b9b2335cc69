import { isJsonObject } from './is-json-object.js'
import { readCountOption, readDurationOption } from './read-duration-option.js'
import { createUsageError } from './usage-error.js'

/**
 * The one retry option shape of the packages (the key resolver and the client): a number is the
 * retry limit.
 */
export interface FlexRetryOptions {
  /** Retries after the first attempt (0 turns retries off). */
  limit?: number
  /** The longest wait between attempts in milliseconds, before jitter. */
  backoffLimit?: number
  /** The longest `Retry-After` honoured, in milliseconds; longer waits are capped. */
  maxRetryAfter?: number
}

/** A `retry` option: the limit alone, or the whole settings. */
export type FlexRetryOption = number | FlexRetryOptions

/**
 * Reads a `retry` option against the caller's defaults; every member is checked and named in the
 * error.
 *
 * @example
 * ```ts
 * const retry = readRetryOption('createFlexClient', options.retry, { limit: 2, backoffLimit: 5000, maxRetryAfter: 10_000 })
 * ```
 */
export function readRetryOption(
  caller: string,
  value: unknown,
  defaults: Required<FlexRetryOptions>,
): Required<FlexRetryOptions> {
  if (value === undefined) return { ...defaults }
  if (typeof value === 'number') {
    return { ...defaults, limit: readCountOption(caller, 'retry', value, { fallback: 0, max: 10 }) }
  }
  if (!isJsonObject(value)) {
    throw createUsageError(caller, 'retry', 'must be a number or an object')
  }
  const { limit, backoffLimit, maxRetryAfter, ...rest } = value
  const unknown = Object.keys(rest)[0]
  if (unknown !== undefined) throw createUsageError(caller, 'retry', 'has an unknown member')
  return {
    limit: readCountOption(caller, 'retry.limit', limit, { fallback: defaults.limit, max: 10 }),
    backoffLimit: readDurationOption(caller, 'retry.backoffLimit', backoffLimit, {
      fallback: defaults.backoffLimit,
      allowZero: true,
    }),
    maxRetryAfter: readDurationOption(caller, 'retry.maxRetryAfter', maxRetryAfter, {
      fallback: defaults.maxRetryAfter,
      allowZero: true,
    }),
  }
}

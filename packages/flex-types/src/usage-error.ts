/** The stable codes of misuse errors, named as Node names its own argument errors. */
export const USAGE_ERROR_CODES = {
  /** An option or argument has the wrong type or an unusable value. */
  INVALID_ARG_VALUE: 'ERR_INVALID_ARG_VALUE',
} as const

/** One of the codes of `USAGE_ERROR_CODES`. */
export type UsageErrorCode = (typeof USAGE_ERROR_CODES)[keyof typeof USAGE_ERROR_CODES]

/** A `TypeError` thrown for a programming mistake (a bad option or argument), with its `code`. */
export interface UsageError extends TypeError {
  readonly code: UsageErrorCode
}

/**
 * The one way the packages report misuse: a `TypeError` whose message reads
 * `<function>: <option> <problem>` and whose `code` is `ERR_INVALID_ARG_VALUE`. The message names
 * the option, never its value.
 *
 * @example
 * ```ts
 * throw createUsageError('createFlexClient', 'timeout', 'must be a positive number of milliseconds')
 * ```
 */
export function createUsageError(caller: string, option: string, problem: string): UsageError {
  return toUsageError(`${caller}: ${option} ${problem}`)
}

/**
 * A usage error whose message is already composed, for helpers whose callers choose the message
 * style (`readFlexOrigin`'s prefix); prefer `createUsageError`.
 *
 * @example
 * ```ts
 * throw toUsageError(`${prefix}origin must be an absolute URL`)
 * ```
 */
export function toUsageError(message: string): UsageError {
  const error = new TypeError(message) as TypeError & { code: UsageErrorCode }
  Object.defineProperty(error, 'code', {
    value: USAGE_ERROR_CODES.INVALID_ARG_VALUE,
    enumerable: true,
  })
  return error
}

/** Tells whether `value` is a misuse error made by `createUsageError` (from any copy). */
export function isUsageError(value: unknown): value is UsageError {
  return (
    value instanceof TypeError &&
    (value as { code?: unknown }).code === USAGE_ERROR_CODES.INVALID_ARG_VALUE
  )
}

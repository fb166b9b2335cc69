import { FLEX_ERROR_CODES, FlexError, type FlexErrorOptions } from './flex-error.js'

/**
 * Why a shared storage call failed, as a closed `as const` list.
 *
 * @example
 * ```ts
 * if (error.reason === FLEX_STORAGE_REASONS.UNAVAILABLE) return serviceUnavailable()
 * ```
 */
export const FLEX_STORAGE_REASONS = {
  /** The storage could not be reached or refused the call (connection lost, server error). */
  UNAVAILABLE: 'unavailable',
  /** The storage did not answer in time. */
  TIMEOUT: 'timeout',
  /** The storage answered something the interface does not allow (not a string, not a boolean). */
  BAD_RESPONSE: 'bad-response',
  /** The storage is full (the bounded in-memory storage refuses rather than forget a mark). */
  FULL: 'full',
} as const

/** One of `FLEX_STORAGE_REASONS`. */
export type FlexStorageReason = (typeof FLEX_STORAGE_REASONS)[keyof typeof FLEX_STORAGE_REASONS]

/** Safe details of a storage failure: the operation, never a key or a value. */
export interface FlexStorageErrorDetails {
  /** The storage method that failed: `get`, `set`, `setIfAbsent` or `delete`. */
  operation: string
}

const STORAGE_MARKER = 'flex.error.storage'

/**
 * A call to the shared storage (`FlexStorage`) failed, timed out or answered nonsense
 * (`ERR_FLEX_STORAGE_FAILED`). Whatever was asked is refused: a transient token is not verified
 * nor consumed, so a storage outage never pays a token twice. Retry once the storage is back.
 *
 * @example
 * ```ts
 * if (FlexStorageError.isInstance(error)) return new Response('try again shortly', { status: 503 })
 * ```
 */
export class FlexStorageError extends FlexError {
  override readonly name: string = 'FlexStorageError'
  declare readonly code: typeof FLEX_ERROR_CODES.STORAGE_FAILED
  readonly reason: FlexStorageReason
  readonly operation: string

  constructor(
    reason: FlexStorageReason,
    message: string,
    details: FlexStorageErrorDetails,
    options: FlexErrorOptions = {},
  ) {
    super(FLEX_ERROR_CODES.STORAGE_FAILED, message, options)
    this.reason = reason
    this.operation = details.operation
    FlexError.mark(this, STORAGE_MARKER)
  }

  /** True for a storage error from any package and any copy of flex-types. */
  static override isInstance(value: unknown): value is FlexStorageError {
    return FlexError.hasMarker(value, STORAGE_MARKER)
  }
}

import { FLEX_ERROR_CODES, FlexError, type FlexErrorOptions } from 'flex-types'
import { FlexHttpError, type FlexHttpErrorDetails } from './flex-http-error.js'

const RATE_LIMIT_MARKER = 'flex.error.rate-limit'

/**
 * 429 (`ERR_FLEX_RATE_LIMITED`): too many requests. `retryAfter` is the number of seconds the
 * service asked to wait (`Retry-After`), when it said.
 *
 * @example
 * ```ts
 * if (FlexRateLimitError.isInstance(error)) await sleep((error.retryAfter ?? 1) * 1000)
 * ```
 */
export class FlexRateLimitError extends FlexHttpError {
  override readonly name: string = 'FlexRateLimitError'
  readonly retryAfter: number | undefined

  constructor(
    details: FlexHttpErrorDetails & { retryAfter?: number | undefined },
    options: FlexErrorOptions = {},
  ) {
    super(details, FLEX_ERROR_CODES.RATE_LIMITED, options)
    this.retryAfter = details.retryAfter
    FlexError.mark(this, RATE_LIMIT_MARKER)
  }

  static override isInstance(value: unknown): value is FlexRateLimitError {
    return FlexError.hasMarker(value, RATE_LIMIT_MARKER)
  }
}

import { FLEX_ERROR_CODES, FlexError } from 'flex-types'

const ORIGIN_NOT_ALLOWED_MARKER = 'flex.error.origin-not-allowed'

/**
 * The capture context's `tokensUrl` points at an origin this client does not trust
 * (`ERR_FLEX_ORIGIN_NOT_ALLOWED`); no request was made.
 *
 * @example
 * ```ts
 * if (FlexOriginNotAllowedError.isInstance(error)) console.error(error.origin)
 * ```
 */
export class FlexOriginNotAllowedError extends FlexError {
  override readonly name: string = 'FlexOriginNotAllowedError'
  /** The refused origin (scheme, host and port only). */
  readonly origin: string

  constructor(origin: string) {
    super(
      FLEX_ERROR_CODES.ORIGIN_NOT_ALLOWED,
      `the tokens URL origin ${origin} is not allowed for this client's environment`,
    )
    this.origin = origin
    FlexError.mark(this, ORIGIN_NOT_ALLOWED_MARKER)
  }

  static override isInstance(value: unknown): value is FlexOriginNotAllowedError {
    return FlexError.hasMarker(value, ORIGIN_NOT_ALLOWED_MARKER)
  }
}

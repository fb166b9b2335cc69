import { FLEX_ERROR_CODES, FlexError, type FlexErrorOptions } from 'flex-types'

const NETWORK_MARKER = 'flex.error.network'

/**
 * The request got no answer: DNS failure, connection refused or reset (`ERR_FLEX_NETWORK`).
 *
 * @example
 * ```ts
 * if (FlexNetworkError.isInstance(error)) console.error(error.method, error.path)
 * ```
 */
export class FlexNetworkError extends FlexError {
  override readonly name: string = 'FlexNetworkError'
  readonly method: string
  readonly path: string

  constructor(details: { method: string; path: string }, options: FlexErrorOptions = {}) {
    super(FLEX_ERROR_CODES.NETWORK, `${details.method} ${details.path} got no answer`, options)
    this.method = details.method
    this.path = details.path
    FlexError.mark(this, NETWORK_MARKER)
  }

  static override isInstance(value: unknown): value is FlexNetworkError {
    return FlexError.hasMarker(value, NETWORK_MARKER)
  }
}

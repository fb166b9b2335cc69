import { FLEX_ERROR_CODES, FlexError } from 'flex-types'

const TIMEOUT_MARKER = 'flex.error.timeout'

/**
 * An attempt took longer than the `timeout` option (`ERR_FLEX_TIMEOUT`).
 *
 * @example
 * ```ts
 * if (FlexTimeoutError.isInstance(error)) console.error(`no answer within ${error.timeout} ms`)
 * ```
 */
export class FlexTimeoutError extends FlexError {
  override readonly name: string = 'FlexTimeoutError'
  readonly method: string
  readonly path: string
  /** The per-attempt timeout in milliseconds. */
  readonly timeout: number

  constructor(details: { method: string; path: string; timeout: number }) {
    super(
      FLEX_ERROR_CODES.TIMEOUT,
      `${details.method} ${details.path} got no answer within ${details.timeout} ms`,
    )
    this.method = details.method
    this.path = details.path
    this.timeout = details.timeout
    FlexError.mark(this, TIMEOUT_MARKER)
  }

  static override isInstance(value: unknown): value is FlexTimeoutError {
    return FlexError.hasMarker(value, TIMEOUT_MARKER)
  }
}

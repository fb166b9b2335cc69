import { type FLEX_ERROR_CODES, FlexError, type FlexErrorOptions } from 'flex-types'
import { FlexHttpError, type FlexHttpErrorDetails } from './flex-http-error.js'

const CAPTURE_CONTEXT_MARKER = 'flex.error.capture-context'

/**
 * The capture context can no longer be used: expired (`ERR_FLEX_CAPTURE_CONTEXT_EXPIRED`) or used
 * more often than the service allows (`ERR_FLEX_CAPTURE_CONTEXT_USED_TOO_MANY_TIMES`). Create a
 * new session and start again.
 *
 * @example
 * ```ts
 * if (FlexCaptureContextError.isInstance(error)) captureContext = await newSession()
 * ```
 */
export class FlexCaptureContextError extends FlexHttpError {
  override readonly name: string = 'FlexCaptureContextError'

  constructor(
    details: FlexHttpErrorDetails,
    code:
      | typeof FLEX_ERROR_CODES.CAPTURE_CONTEXT_EXPIRED
      | typeof FLEX_ERROR_CODES.CAPTURE_CONTEXT_USED_TOO_MANY_TIMES,
    options: FlexErrorOptions = {},
  ) {
    super(details, code, options)
    FlexError.mark(this, CAPTURE_CONTEXT_MARKER)
  }

  static override isInstance(value: unknown): value is FlexCaptureContextError {
    return FlexError.hasMarker(value, CAPTURE_CONTEXT_MARKER)
  }
}

import { FLEX_ERROR_CODES, FlexError, type FlexErrorOptions } from 'flex-types'
import { FlexHttpError, type FlexHttpErrorDetails } from './flex-http-error.js'

const SERVER_MARKER = 'flex.error.server'

/**
 * 5xx (`ERR_FLEX_SERVER`): the service failed. Retried automatically where safe; try again later.
 *
 * @example
 * ```ts
 * if (FlexServerError.isInstance(error)) console.error(error.status, error.correlationId)
 * ```
 */
export class FlexServerError extends FlexHttpError {
  override readonly name: string = 'FlexServerError'

  constructor(details: FlexHttpErrorDetails, options: FlexErrorOptions = {}) {
    super(details, FLEX_ERROR_CODES.SERVER, options)
    FlexError.mark(this, SERVER_MARKER)
  }

  static override isInstance(value: unknown): value is FlexServerError {
    return FlexError.hasMarker(value, SERVER_MARKER)
  }
}

import { FLEX_ERROR_CODES, FlexError, type FlexErrorOptions } from 'flex-types'
import { FlexHttpError, type FlexHttpErrorDetails } from './flex-http-error.js'

const REQUEST_MARKER = 'flex.error.request'

/**
 * A 4xx other than 401/403/429: the request was refused as invalid (`ERR_FLEX_REQUEST_INVALID`);
 * `fieldLocations` names the fields the service complained about.
 *
 * @example
 * ```ts
 * if (FlexRequestError.isInstance(error)) console.error(error.reason, error.fieldLocations)
 * ```
 */
export class FlexRequestError extends FlexHttpError {
  override readonly name: string = 'FlexRequestError'

  constructor(details: FlexHttpErrorDetails, options: FlexErrorOptions = {}) {
    super(details, FLEX_ERROR_CODES.REQUEST_INVALID, options)
    FlexError.mark(this, REQUEST_MARKER)
  }

  static override isInstance(value: unknown): value is FlexRequestError {
    return FlexError.hasMarker(value, REQUEST_MARKER)
  }
}

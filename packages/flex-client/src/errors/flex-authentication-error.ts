import { FLEX_ERROR_CODES, FlexError, type FlexErrorOptions } from 'flex-types'
import { FlexHttpError, type FlexHttpErrorDetails } from './flex-http-error.js'

const AUTHENTICATION_MARKER = 'flex.error.authentication'

/**
 * 401 or 403: the service refused the merchant credentials (`ERR_FLEX_AUTHENTICATION`). Check the
 * merchant id, key id and shared secret, and the server clock (signatures are valid ±5 minutes).
 *
 * @example
 * ```ts
 * if (FlexAuthenticationError.isInstance(error)) alertOperators(error.correlationId)
 * ```
 */
export class FlexAuthenticationError extends FlexHttpError {
  override readonly name: string = 'FlexAuthenticationError'

  constructor(details: FlexHttpErrorDetails, options: FlexErrorOptions = {}) {
    super(details, FLEX_ERROR_CODES.AUTHENTICATION, options)
    FlexError.mark(this, AUTHENTICATION_MARKER)
  }

  static override isInstance(value: unknown): value is FlexAuthenticationError {
    return FlexError.hasMarker(value, AUTHENTICATION_MARKER)
  }
}

import { FLEX_ERROR_CODES, FlexError, type FlexErrorOptions } from 'flex-types'
import { MAX_RESPONSE_BYTES } from '../read-response-text.js'

const UNEXPECTED_RESPONSE_MARKER = 'flex.error.unexpected-response'

/**
 * A success status with a body that is not a compact JWT, e.g. JSON from a proxy or a wrong URL,
 * or a body over 64 KiB (`ERR_FLEX_UNEXPECTED_RESPONSE`). `contentType` says what came instead;
 * the body is not kept.
 *
 * @example
 * ```ts
 * if (FlexUnexpectedResponseError.isInstance(error)) console.error(error.contentType)
 * ```
 */
export class FlexUnexpectedResponseError extends FlexError {
  override readonly name: string = 'FlexUnexpectedResponseError'
  readonly status: number
  readonly contentType: string | undefined
  readonly correlationId: string | undefined

  constructor(
    details: {
      status: number
      method: string
      path: string
      contentType?: string | undefined
      correlationId?: string | undefined
      /** The body was over the client's 64 KiB limit, so it was not read. */
      bodyTooLarge?: boolean | undefined
    },
    options: FlexErrorOptions = {},
  ) {
    super(
      FLEX_ERROR_CODES.UNEXPECTED_RESPONSE,
      `${details.method} ${details.path} answered ${details.status} with ${
        details.contentType ? `content type ${details.contentType}` : 'no content type'
      } and ${details.bodyTooLarge ? `a body over ${MAX_RESPONSE_BYTES} bytes` : 'a body that is not a compact JWT'}`,
      options,
    )
    this.status = details.status
    this.contentType = details.contentType
    this.correlationId = details.correlationId
    FlexError.mark(this, UNEXPECTED_RESPONSE_MARKER)
  }

  static override isInstance(value: unknown): value is FlexUnexpectedResponseError {
    return FlexError.hasMarker(value, UNEXPECTED_RESPONSE_MARKER)
  }
}

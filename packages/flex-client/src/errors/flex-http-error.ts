import { FLEX_ERROR_CODES, FlexError, type FlexErrorCode, type FlexErrorOptions } from 'flex-types'
import { describeHttpFailure } from './describe-http-failure.js'

/**
 * The reason codes Cybersource is known to answer with (docs/protocol.md sections 1 and 4). Any other
 * upper-case reason code is exposed too, typed as a plain string.
 *
 * @example
 * ```ts
 * if (error.reason === FLEX_HTTP_REASONS.CAPTURE_CONTEXT_INVALID) captureContext = await newSession()
 * ```
 */
export const FLEX_HTTP_REASONS = {
  INVALID_APIKEY: 'INVALID_APIKEY',
  CAPTURE_CONTEXT_INVALID: 'CAPTURE_CONTEXT_INVALID',
  CAPTURE_CONTEXT_EXPIRED: 'CAPTURE_CONTEXT_EXPIRED',
  CREATE_TOKEN_DECRYPTION: 'CREATE_TOKEN_DECRYPTION',
  CREATE_TOKEN_CAPTURE_CONTEXT_NOT_FOUND: 'CREATE_TOKEN_CAPTURE_CONTEXT_NOT_FOUND',
  CREATE_TOKEN_CAPTURE_CONTEXT_USED_TOO_MANY_TIMES:
    'CREATE_TOKEN_CAPTURE_CONTEXT_USED_TOO_MANY_TIMES',
  CREATE_TOKEN_NO_DATA_SUBMITTED: 'CREATE_TOKEN_NO_DATA_SUBMITTED',
  CREATE_TOKEN_VALIDATION_SERVERSIDE: 'CREATE_TOKEN_VALIDATION_SERVERSIDE',
  API_JWE_PARSING_ERROR: 'API_JWE_PARSING_ERROR',
} as const

/** A reason code of `FLEX_HTTP_REASONS`, or any other upper-case code the service sends. */
export type FlexHttpReason =
  | (typeof FLEX_HTTP_REASONS)[keyof typeof FLEX_HTTP_REASONS]
  | (string & {})

/** What every HTTP answer error carries: safe identifiers only, never a body or a credential. */
export interface FlexHttpErrorDetails {
  /** The HTTP status of the answer. */
  status: number
  /** `POST` */
  method: string
  /** The request path, e.g. `/flex/v2/sessions` (never a query or a host with credentials). */
  path: string
  /**
   * Cybersource's reason code, e.g. `INVALID_APIKEY`, when the body names one of the form
   * `^[A-Z][A-Z0-9_]{0,63}$` (known or not).
   */
  reason?: FlexHttpReason | undefined
  /** The correlation id from the body or the `v-c-correlation-id` header, for support tickets. */
  correlationId?: string | undefined
  /** The field locations of the error body's `details`, e.g. `captureData.number`. */
  fieldLocations?: readonly string[] | undefined
  /**
   * The service's own explanation (`message` of the body, or the gateway's `response.rmsg`), when
   * it is at most 200 printable ASCII characters with no run of 3 digits or more, no 12 digits
   * with single separators between them, no `@`, and no
   * run of 24 token-like characters (a key, a secret, a JWT); otherwise absent.
   */
  serviceMessage?: string | undefined
}

const HTTP_MARKER = 'flex.error.http'

/**
 * The service answered with an error status. Subclasses narrow it by status family; this class
 * itself (`ERR_FLEX_HTTP`) is used for statuses outside them.
 *
 * @example
 * ```ts
 * if (FlexHttpError.isInstance(error)) console.error(error.status, error.reason, error.correlationId)
 * ```
 */
export class FlexHttpError extends FlexError {
  override readonly name: string = 'FlexHttpError'
  readonly status: number
  readonly method: string
  readonly path: string
  readonly reason: FlexHttpReason | undefined
  readonly correlationId: string | undefined
  readonly fieldLocations: readonly string[]
  /** The service's own explanation, whitelisted (see `FlexHttpErrorDetails.serviceMessage`). */
  readonly serviceMessage: string | undefined
  /** Whether repeating the same request later may succeed (408, 429, 502, 503, 504). */
  readonly isRetryable: boolean

  constructor(
    details: FlexHttpErrorDetails,
    code: FlexErrorCode = FLEX_ERROR_CODES.HTTP,
    options: FlexErrorOptions = {},
  ) {
    super(code, describeHttpFailure(details), options)
    this.status = details.status
    this.method = details.method
    this.path = details.path
    this.reason = details.reason
    this.correlationId = details.correlationId
    this.fieldLocations = Object.freeze([...(details.fieldLocations ?? [])])
    this.serviceMessage = details.serviceMessage
    this.isRetryable = [408, 429, 502, 503, 504].includes(details.status)
    FlexError.mark(this, HTTP_MARKER)
  }

  static override isInstance(value: unknown): value is FlexHttpError {
    return FlexError.hasMarker(value, HTTP_MARKER)
  }
}

import { FLEX_ERROR_CODES, FlexError, type FlexErrorCode, type FlexErrorOptions } from 'flex-types'
import { MAX_RESPONSE_BYTES } from './read-response-text.js'

/**
 * The reason codes Cybersource is known to answer with (docs/protocol.md sections 1.4, 4.5 and 7). Any other
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
}

function describe(details: FlexHttpErrorDetails): string {
  const reason = details.reason ? ` (${details.reason})` : ''
  const fields =
    details.fieldLocations && details.fieldLocations.length > 0
      ? `; fields: ${details.fieldLocations.join(', ')}`
      : ''
  return `${details.method} ${details.path} failed with status ${details.status}${reason}${fields}`
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
  /** Whether repeating the same request later may succeed (408, 429, 502, 503, 504). */
  readonly isRetryable: boolean

  constructor(
    details: FlexHttpErrorDetails,
    code: FlexErrorCode = FLEX_ERROR_CODES.HTTP,
    options: FlexErrorOptions = {},
  ) {
    super(code, describe(details), options)
    this.status = details.status
    this.method = details.method
    this.path = details.path
    this.reason = details.reason
    this.correlationId = details.correlationId
    this.fieldLocations = Object.freeze([...(details.fieldLocations ?? [])])
    this.isRetryable = [408, 429, 502, 503, 504].includes(details.status)
    FlexError.mark(this, HTTP_MARKER)
  }

  static override isInstance(value: unknown): value is FlexHttpError {
    return FlexError.hasMarker(value, HTTP_MARKER)
  }
}

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

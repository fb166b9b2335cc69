/**
 * Every error code a Flex package throws, as an `as const` object. The values are stable: match on
 * `error.code`, never on the message.
 */
export const FLEX_ERROR_CODES = {
  /** Session fields are not a valid `fields` request (unknown path, bad `required`). */
  SESSION_FIELDS_INVALID: 'ERR_FLEX_SESSION_FIELDS_INVALID',
  /**
   * A Microform or Unified Checkout session request is invalid (a target origin, the amount, the
   * currency…): see `issues`; nothing was sent.
   */
  SESSION_REQUEST_INVALID: 'ERR_FLEX_SESSION_REQUEST_INVALID',
  /** Customer data does not satisfy the capture context or the field rules. */
  DATA_INVALID: 'ERR_FLEX_DATA_INVALID',
  /** A capture context or transient token failed verification (see the error's `reason`). */
  TOKEN_INVALID: 'ERR_FLEX_TOKEN_INVALID',
  /** A capture context or transient token has expired. */
  TOKEN_EXPIRED: 'ERR_FLEX_TOKEN_EXPIRED',
  /** The public key named by `kid` does not exist. */
  KEY_NOT_FOUND: 'ERR_FLEX_KEY_NOT_FOUND',
  /** A public key could not be fetched (network, timeout, bad status, bad JSON). */
  KEY_FETCH_FAILED: 'ERR_FLEX_KEY_FETCH_FAILED',
  /** A JWK is unusable: not RSA, weak exponent, wrong size, private members. */
  KEY_INVALID: 'ERR_FLEX_KEY_INVALID',
  /** The one-time encryption key of a capture context is unusable. */
  ENCRYPTION_KEY_INVALID: 'ERR_FLEX_ENCRYPTION_KEY_INVALID',
  /** Encryption itself failed in the runtime's WebCrypto. */
  ENCRYPTION_FAILED: 'ERR_FLEX_ENCRYPTION_FAILED',
  /** The capture context has expired; create a new session. */
  CAPTURE_CONTEXT_EXPIRED: 'ERR_FLEX_CAPTURE_CONTEXT_EXPIRED',
  /** The capture context was used more often than the service allows. */
  CAPTURE_CONTEXT_USED_TOO_MANY_TIMES: 'ERR_FLEX_CAPTURE_CONTEXT_USED_TOO_MANY_TIMES',
  /** A URL's origin is not on the allow-list of the configured environment. */
  ORIGIN_NOT_ALLOWED: 'ERR_FLEX_ORIGIN_NOT_ALLOWED',
  /** The service refused the merchant credentials (401/403). */
  AUTHENTICATION: 'ERR_FLEX_AUTHENTICATION',
  /** The service refused the request as invalid (400/404/409/422…). */
  REQUEST_INVALID: 'ERR_FLEX_REQUEST_INVALID',
  /** Too many requests (429); see `retryAfter`. */
  RATE_LIMITED: 'ERR_FLEX_RATE_LIMITED',
  /** The service failed (5xx). */
  SERVER: 'ERR_FLEX_SERVER',
  /** Any other unexpected HTTP status. */
  HTTP: 'ERR_FLEX_HTTP',
  /** The request never got an answer (DNS, connection refused or reset). */
  NETWORK: 'ERR_FLEX_NETWORK',
  /** The request took longer than its timeout. */
  TIMEOUT: 'ERR_FLEX_TIMEOUT',
  /** The service answered with a body of the wrong type (e.g. JSON where a JWT was expected). */
  UNEXPECTED_RESPONSE: 'ERR_FLEX_UNEXPECTED_RESPONSE',
  /**
   * A payment request (authorization, capture, refund) got no usable answer, so it may have been
   * carried out: never send it again, undo it with the timeout reversal or void (flex-payments).
   */
  PAYMENT_OUTCOME_UNKNOWN: 'ERR_FLEX_PAYMENT_OUTCOME_UNKNOWN',
} as const

/** One of the stable error codes of `FLEX_ERROR_CODES`. */
export type FlexErrorCode = (typeof FLEX_ERROR_CODES)[keyof typeof FLEX_ERROR_CODES]

const BASE_MARKER = 'flex.error'

/** Marks `target` with `Symbol.for(marker)` as a non-enumerable property (not in JSON or logs). */
function mark(target: object, marker: string): void {
  Object.defineProperty(target, Symbol.for(marker), { value: true, enumerable: false })
}

/** Tells whether `value` carries the `Symbol.for(marker)` mark of a Flex error class. */
function hasMarker(value: unknown, marker: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[Symbol.for(marker)] === true
  )
}

/** Options of every Flex error: the wrapped error, kept out of messages. */
export interface FlexErrorOptions {
  cause?: unknown
}

/**
 * The base of every error the Flex packages throw on purpose. `code` is stable; the message says
 * what failed and which field, never a token, a key, card data or a response body.
 * `FlexError.isInstance` works across two installed copies of flex-types, where `instanceof`
 * does not.
 *
 * @example
 * ```ts
 * try {
 *   await verifyCaptureContext(jwt, { keys })
 * } catch (error) {
 *   if (FlexError.isInstance(error) && error.code === 'ERR_FLEX_TOKEN_EXPIRED') {
 *     // create a new session
 *   }
 * }
 * ```
 */
export class FlexError extends Error {
  override readonly name: string = 'FlexError'
  readonly code: FlexErrorCode

  constructor(code: FlexErrorCode, message: string, options: FlexErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined)
    this.code = code
    mark(this, BASE_MARKER)
  }

  /** True for any Flex error, from any copy of flex-types. */
  static isInstance(value: unknown): value is FlexError {
    return hasMarker(value, BASE_MARKER)
  }

  /** Marks an instance of a subclass; subclasses call it in their constructor. */
  protected static mark(target: FlexError, marker: string): void {
    mark(target, marker)
  }

  /** Tells whether `value` carries a subclass marker; used by the subclasses' `isInstance`. */
  protected static hasMarker(value: unknown, marker: string): boolean {
    return hasMarker(value, marker)
  }
}

/**
 * Tells whether a value is a Flex error from any copy of flex-types.
 *
 * @example
 * ```ts
 * if (isFlexError(error)) console.error(error.code)
 * ```
 */
export function isFlexError(value: unknown): value is FlexError {
  return FlexError.isInstance(value)
}

/** The closed list of field rules a validation issue can name. */
export const FLEX_FIELD_REASONS = {
  REQUIRED: 'required',
  NOT_ALLOWED: 'not-allowed',
  UNKNOWN_FIELD: 'unknown-field',
  NOT_A_STRING: 'not-a-string',
  NOT_AN_OBJECT: 'not-an-object',
  NOT_A_BOOLEAN: 'not-a-boolean',
  DUPLICATE: 'duplicate',
  LENGTH: 'length',
  FORMAT: 'format',
  LUHN: 'luhn',
  OUT_OF_RANGE: 'out-of-range',
  EXPIRED: 'expired',
} as const

/** One of the rules of `FLEX_FIELD_REASONS`. */
export type FlexFieldReason = (typeof FLEX_FIELD_REASONS)[keyof typeof FLEX_FIELD_REASONS]

/** One problem with one field: its path and the rule it broke, never its value. */
export interface FlexFieldIssue {
  /** The dotted field path, e.g. `paymentInformation.card.number`, or `fields` for the root. */
  readonly path: string
  readonly reason: FlexFieldReason
  /** A sentence about the rule, safe to show to a user. */
  readonly message: string
}

const VALIDATION_MARKER = 'flex.error.validation'
// The message lists the first issues only, so that its length stays bounded; `issues` has them all.
const MAX_ISSUES_IN_MESSAGE = 20

/**
 * Invalid input, with every problem found listed in `issues` (path and rule, never the value).
 *
 * @example
 * ```ts
 * if (FlexValidationError.isInstance(error)) {
 *   for (const issue of error.issues) form.setError(issue.path, issue.message)
 * }
 * ```
 */
export class FlexValidationError extends FlexError {
  override readonly name: string = 'FlexValidationError'
  readonly issues: readonly FlexFieldIssue[]

  constructor(
    code: FlexErrorCode,
    message: string,
    issues: readonly FlexFieldIssue[],
    options: FlexErrorOptions = {},
  ) {
    const listed = issues
      .slice(0, MAX_ISSUES_IN_MESSAGE)
      .map((issue) => `${issue.path} (${issue.reason})`)
    const more = issues.length - listed.length
    const summary = listed.join(', ') + (more > 0 ? `, and ${more} more` : '')
    super(code, summary ? `${message}: ${summary}` : message, options)
    this.issues = Object.freeze([...issues])
    FlexError.mark(this, VALIDATION_MARKER)
  }

  static override isInstance(value: unknown): value is FlexValidationError {
    return FlexError.hasMarker(value, VALIDATION_MARKER)
  }
}

import { FlexUnexpectedResponseError } from 'flex-client'
import { FLEX_ERROR_CODES, FlexError, type FlexFieldIssue, FlexValidationError } from 'flex-types'

/** Why an answer of the payments API could not be read (`FlexPaymentResponseError.reason`). */
export const FLEX_PAYMENT_RESPONSE_REASONS = {
  /** The body is not a JSON object. */
  NOT_AN_OBJECT: 'not-an-object',
  /** `status` is missing or not one this operation documents. */
  UNKNOWN_STATUS: 'unknown-status',
  /** `id` is missing where the operation always returns one. */
  MISSING_ID: 'missing-id',
} as const

/** One of the reasons of `FLEX_PAYMENT_RESPONSE_REASONS`. */
export type FlexPaymentResponseReason =
  (typeof FLEX_PAYMENT_RESPONSE_REASONS)[keyof typeof FLEX_PAYMENT_RESPONSE_REASONS]

const RESPONSE_MARKER = 'flex.error.payment-response'

/**
 * A 2xx answer whose body is not what the operation documents (`ERR_FLEX_UNEXPECTED_RESPONSE`).
 * It is a flex-client `FlexUnexpectedResponseError` (the same condition, caught one level up: the
 * body is JSON but not of the documented shape), so `FlexUnexpectedResponseError.isInstance`
 * catches both; `reason` says what was wrong. The body is not kept. After an authorization, a
 * capture or a refund, the request may still have been carried out: look the transaction up
 * before sending anything again.
 *
 * @example
 * ```ts
 * if (FlexPaymentResponseError.isInstance(error)) console.error(error.reason, error.correlationId)
 * ```
 */
export class FlexPaymentResponseError extends FlexUnexpectedResponseError {
  override readonly name: string = 'FlexPaymentResponseError'
  readonly operation: string
  readonly path: string
  readonly reason: FlexPaymentResponseReason

  constructor(details: {
    operation: string
    path: string
    /** The request's method; `POST` when left out. */
    method?: 'GET' | 'POST'
    status: number
    reason: FlexPaymentResponseReason
    correlationId: string | undefined
  }) {
    const method = details.method ?? 'POST'
    super({
      status: details.status,
      method,
      path: details.path,
      contentType: undefined,
      correlationId: details.correlationId,
    })
    this.message = `${details.operation}: ${details.path} answered ${details.status} with a body that cannot be read (${details.reason})`
    this.operation = details.operation
    this.path = details.path
    this.reason = details.reason
    FlexError.mark(this, RESPONSE_MARKER)
  }

  /**
   * Whether `value` is a FlexPaymentResponseError, also one made by another installed copy.
   *
   * @example
   * ```ts
   * if (FlexPaymentResponseError.isInstance(error)) console.error(error.reason)
   * ```
   */
  static override isInstance(value: unknown): value is FlexPaymentResponseError {
    return FlexError.hasMarker(value, RESPONSE_MARKER)
  }
}

/** The call that undoes a payment whose outcome is unknown. */
export type FlexPaymentRecovery = 'reverseAfterTimeout' | 'voidAfterTimeout'

const OUTCOME_MARKER = 'flex.error.payment-outcome-unknown'

/**
 * A payment request got no usable answer (timeout, dropped connection, 5xx, abort): it may have
 * been carried out (`ERR_FLEX_PAYMENT_OUTCOME_UNKNOWN`). Never send it again; call `recovery`
 * (`reverseAfterTimeout` or `voidAfterTimeout`) with `transactionId`. The failure underneath
 * (`ERR_FLEX_TIMEOUT`, `ERR_FLEX_NETWORK`, `ERR_FLEX_SERVER`, or the abort reason) is `cause`.
 *
 * @example
 * ```ts
 * if (FlexPaymentOutcomeUnknownError.isInstance(error) && error.recovery === 'reverseAfterTimeout') {
 *   await reverseAfterTimeout(client, { transactionId: error.transactionId, amount: '10.00' })
 * }
 * ```
 */
export class FlexPaymentOutcomeUnknownError extends FlexError {
  override readonly name: string = 'FlexPaymentOutcomeUnknownError'
  readonly operation: string
  readonly path: string
  /** The `clientReferenceInformation.transactionId` the request carried. */
  readonly transactionId: string
  readonly recovery: FlexPaymentRecovery

  constructor(
    details: {
      operation: string
      path: string
      transactionId: string
      recovery: FlexPaymentRecovery
    },
    cause: unknown,
  ) {
    super(
      FLEX_ERROR_CODES.PAYMENT_OUTCOME_UNKNOWN,
      `${details.operation}: POST ${details.path} got no usable answer, so it may have been carried out; do not send it again: call ${details.recovery}(client, { transactionId: error.transactionId }) to undo it`,
      { cause },
    )
    this.operation = details.operation
    this.path = details.path
    this.transactionId = details.transactionId
    this.recovery = details.recovery
    FlexError.mark(this, OUTCOME_MARKER)
  }

  static override isInstance(value: unknown): value is FlexPaymentOutcomeUnknownError {
    return FlexError.hasMarker(value, OUTCOME_MARKER)
  }
}

/** The refusal of bad payment input, before any request: every issue names a field and a rule. */
export function createPaymentInputError(
  caller: string,
  issues: readonly FlexFieldIssue[],
): FlexValidationError {
  return new FlexValidationError(
    FLEX_ERROR_CODES.DATA_INVALID,
    `${caller}: the payment input is invalid`,
    issues,
  )
}

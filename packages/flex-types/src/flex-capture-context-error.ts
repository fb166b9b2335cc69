import { FLEX_ERROR_CODES, FlexError, type FlexErrorOptions } from './flex-error.js'

/**
 * Why a capture context can no longer be used, as a closed `as const` list.
 *
 * @example
 * ```ts
 * if (error.reason === FLEX_CAPTURE_CONTEXT_REASONS.EXPIRED) captureContext = await newSession()
 * ```
 */
export const FLEX_CAPTURE_CONTEXT_REASONS = {
  /** Its `exp` has passed (by the local clock, or the service said so). */
  EXPIRED: 'expired',
  /** The service refused it as used more often than it allows. */
  USED_TOO_MANY_TIMES: 'used-too-many-times',
} as const

/** One of `FLEX_CAPTURE_CONTEXT_REASONS`. */
export type FlexCaptureContextReason =
  (typeof FLEX_CAPTURE_CONTEXT_REASONS)[keyof typeof FLEX_CAPTURE_CONTEXT_REASONS]

/** The codes of a capture context that can no longer be used. */
export type FlexCaptureContextErrorCode =
  | typeof FLEX_ERROR_CODES.CAPTURE_CONTEXT_EXPIRED
  | typeof FLEX_ERROR_CODES.CAPTURE_CONTEXT_USED_TOO_MANY_TIMES

const CODES: Record<FlexCaptureContextReason, FlexCaptureContextErrorCode> = {
  expired: FLEX_ERROR_CODES.CAPTURE_CONTEXT_EXPIRED,
  'used-too-many-times': FLEX_ERROR_CODES.CAPTURE_CONTEXT_USED_TOO_MANY_TIMES,
}

/** Safe details: the claim at fault, or the identifiers of the service's answer. */
export interface FlexCaptureContextErrorDetails {
  /** The claim at fault when the context was checked locally (`exp`). */
  claim?: string | undefined
  /** The HTTP status of the service's answer, when the service said so. */
  status?: number | undefined
  /** The service's own reason code, e.g. `CAPTURE_CONTEXT_EXPIRED`. */
  serviceReason?: string | undefined
  /** The correlation id of the service's answer, for support tickets. */
  correlationId?: string | undefined
}

const CAPTURE_CONTEXT_MARKER = 'flex.error.capture-context'

/**
 * The capture context can no longer be used: it has expired (`reason: 'expired'`,
 * `ERR_FLEX_CAPTURE_CONTEXT_EXPIRED`) or was used more often than the service allows
 * (`'used-too-many-times'`, `ERR_FLEX_CAPTURE_CONTEXT_USED_TOO_MANY_TIMES`). The one class for this
 * condition in every package: flex-jwt when verifying, flex-jwe before encrypting, flex-client when
 * the service says so (then with `status`, `serviceReason` and `correlationId`). Create a new
 * session and start again.
 *
 * @example
 * ```ts
 * if (FlexCaptureContextError.isInstance(error)) captureContext = await newSession()
 * ```
 */
export class FlexCaptureContextError extends FlexError {
  override readonly name: string = 'FlexCaptureContextError'
  declare readonly code: FlexCaptureContextErrorCode
  readonly reason: FlexCaptureContextReason
  readonly claim: string | undefined
  readonly status: number | undefined
  readonly serviceReason: string | undefined
  readonly correlationId: string | undefined

  constructor(
    reason: FlexCaptureContextReason,
    message: string,
    details: FlexCaptureContextErrorDetails = {},
    options: FlexErrorOptions = {},
  ) {
    super(CODES[reason], message, options)
    this.reason = reason
    this.claim = details.claim
    this.status = details.status
    this.serviceReason = details.serviceReason
    this.correlationId = details.correlationId
    FlexError.mark(this, CAPTURE_CONTEXT_MARKER)
  }

  /** True for a capture context error from any package and any copy of flex-types. */
  static override isInstance(value: unknown): value is FlexCaptureContextError {
    return FlexError.hasMarker(value, CAPTURE_CONTEXT_MARKER)
  }
}

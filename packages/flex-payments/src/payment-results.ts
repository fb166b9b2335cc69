/**
 * What the processor said, from `processorInformation`, for a receipt. Each member is present only
 * when the answer carries it in its documented shape (a short code); anything else is dropped.
 */
export interface PaymentProcessorFacts {
  /** `processorInformation.approvalCode`: the authorization code (authorizations, refunds). */
  approvalCode?: string
  /** `processorInformation.responseCode`: the processor's response code, e.g. `00`. */
  responseCode?: string
  /** `processorInformation.avs.code`: the AVS result code, e.g. `Y` (authorizations). */
  avsCode?: string
  /** `processorInformation.cardVerification.resultCode`: the CVN result code, e.g. `M`. */
  cvnCode?: string
}

/** What every payment answer carries, read defensively: unknown members are dropped. */
export interface PaymentResultBase {
  /** Cybersource's id of this transaction: the `paymentId` / `captureId` of follow-on calls. */
  id: string
  /** `clientReferenceInformation.transactionId` as sent, for `reverseAfterTimeout`. */
  transactionId: string | undefined
  submitTimeUtc: string | undefined
  reconciliationId: string | undefined
  /** From the `v-c-correlation-id` header, for support tickets. */
  correlationId: string | undefined
  /** The processor's codes, when the answer carries any of them. */
  processor?: PaymentProcessorFacts
}

/** Amounts of an answer, as decimal strings (never numbers). */
export interface PaymentAmounts {
  /** The amount the answer refers to: authorized, captured, refunded, reversed or voided. */
  amount: string | undefined
  /** The amount requested (`totalAmount`) or of the original transaction, when given. */
  requestedAmount: string | undefined
  currency: string | undefined
}

/** An authorization the service took: approved, partly approved, or held for review. */
export interface AuthorizationAccepted extends PaymentResultBase, PaymentAmounts {
  status:
    | 'AUTHORIZED'
    | 'PARTIAL_AUTHORIZED'
    | 'AUTHORIZED_PENDING_REVIEW'
    | 'AUTHORIZED_RISK_DECLINED'
    | 'PENDING_AUTHENTICATION'
    | 'PENDING_REVIEW'
  /** `errorInformation.reason`, e.g. `DECISION_PROFILE_REVIEW` for a held one. */
  reason: string | undefined
}

/** A declined authorization (HTTP 201): a result, not an exception. */
export interface AuthorizationRefused extends Omit<PaymentResultBase, 'id'> {
  status: 'DECLINED' | 'INVALID_REQUEST'
  id: string | undefined
  /** `errorInformation.reason`, e.g. `INSUFFICIENT_FUND`. */
  reason: string | undefined
}

/** The answer of `authorizePayment`, discriminated on `status`. */
export type AuthorizationResult = AuthorizationAccepted | AuthorizationRefused

/** The answer of `capturePayment`. */
export interface CaptureResult extends PaymentResultBase, PaymentAmounts {
  status: 'PENDING' | 'TRANSMITTED'
}

/** An accepted refund. */
export interface RefundAccepted extends PaymentResultBase, PaymentAmounts {
  status: 'PENDING'
}

/** A refused refund (HTTP 201). */
export interface RefundRefused extends Omit<PaymentResultBase, 'id'> {
  status: 'DECLINED' | 'INVALID_REQUEST'
  id: string | undefined
  reason: string | undefined
}

/** The answer of `refundPayment`, discriminated on `status`. */
export type RefundResult = RefundAccepted | RefundRefused

/** The answer of `reverseAuthorization` and `reverseAfterTimeout`. */
export interface ReversalResult extends PaymentResultBase, PaymentAmounts {
  status: 'REVERSED'
}

/** The answer of `voidPayment` and `voidAfterTimeout`. */
export interface VoidResult extends PaymentResultBase, PaymentAmounts {
  status: 'VOIDED' | 'CANCELLED' | 'FAILED'
}

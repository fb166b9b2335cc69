/** One `details` entry of a payment 400: the flattened field path and why. */
export interface PaymentFieldDetail {
  field: string
  reason: 'MISSING_FIELD' | 'INVALID_DATA'
}

/** The body of a refused payment request (`PtsV2PaymentsPost400Response`, docs/protocol.md 14.3). */
interface PaymentRefusalBody {
  submitTimeUtc: string
  status: 'INVALID_REQUEST'
  reason: string
  message: string
  details?: PaymentFieldDetail[]
}

/** A refused payment request: the HTTP status and the body. */
export interface PaymentRefusal {
  status: number
  body: PaymentRefusalBody
}

/** `YYYY-MM-DDThh:mm:ssZ`, the format of every `submitTimeUtc`. */
export function formatSubmitTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`
}

/** Builds a payment refusal; messages never carry request values. */
export function refusePayment(
  now: Date,
  reason: string,
  message: string,
  details: PaymentFieldDetail[] = [],
  status = 400,
): PaymentRefusal {
  return {
    status,
    body: {
      submitTimeUtc: formatSubmitTime(now),
      status: 'INVALID_REQUEST',
      reason,
      message,
      ...(details.length > 0 ? { details } : {}),
    },
  }
}

/** A refusal naming one field. */
export function refuseField(
  now: Date,
  field: string,
  reason: 'MISSING_FIELD' | 'INVALID_DATA',
  message: string,
): PaymentRefusal {
  return refusePayment(now, reason, message, [{ field, reason }])
}

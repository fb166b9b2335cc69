import {
  FlexNetworkError,
  FlexServerError,
  FlexTimeoutError,
  FlexUnexpectedResponseError,
} from 'flex-client'
import { FlexPaymentOutcomeUnknownError, type FlexPaymentRecovery } from './errors.js'
import type { FlexApiResponse, PaymentsClient } from './payments-client.js'

/** One POST of a payment operation. */
export interface PaymentRequest {
  operation: string
  path: string
  body: unknown
  signal: AbortSignal | undefined
  /** For requests that may be carried out without an answer: how to undo them. */
  outcome?: { transactionId: string; recovery: FlexPaymentRecovery }
}

// A success status whose body cannot be read (FlexUnexpectedResponseError, and flex-payments'
// FlexPaymentResponseError which extends it) leaves the outcome as unknown as no answer at all.
function isOutcomeUnknown(error: unknown, signal: AbortSignal | undefined): boolean {
  return (
    FlexTimeoutError.isInstance(error) ||
    FlexNetworkError.isInstance(error) ||
    FlexServerError.isInstance(error) ||
    FlexUnexpectedResponseError.isInstance(error) ||
    signal?.aborted === true
  )
}

/**
 * Sends the POST once and reads its answer with `read`. When it got no usable answer (none, or a
 * success that cannot be read) and `outcome` is given, the request may have been carried out:
 * the error becomes a FlexPaymentOutcomeUnknownError naming the recovery.
 */
export async function sendPaymentRequest<Result>(
  client: PaymentsClient,
  request: PaymentRequest,
  read: (response: FlexApiResponse) => Result,
): Promise<Result> {
  const { operation, path, body, signal, outcome } = request
  // Aborted before sending: nothing can be pending, so the abort reason is thrown as it is.
  signal?.throwIfAborted()
  try {
    const response = await client.request({
      method: 'POST',
      path,
      body,
      operation,
      ...(signal ? { signal } : {}),
    })
    return read(response)
  } catch (error) {
    if (outcome && isOutcomeUnknown(error, signal)) {
      throw new FlexPaymentOutcomeUnknownError({ operation, path, ...outcome }, error)
    }
    throw error
  }
}

import { FlexNetworkError, FlexServerError, FlexTimeoutError } from 'flex-client'
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

function isOutcomeUnknown(error: unknown, signal: AbortSignal | undefined): boolean {
  return (
    FlexTimeoutError.isInstance(error) ||
    FlexNetworkError.isInstance(error) ||
    FlexServerError.isInstance(error) ||
    signal?.aborted === true
  )
}

/**
 * Sends the POST once. When it got no usable answer and `outcome` is given, the request may have
 * been carried out: the error becomes a FlexPaymentOutcomeUnknownError naming the recovery.
 */
export async function sendPaymentRequest(
  client: PaymentsClient,
  request: PaymentRequest,
): Promise<FlexApiResponse> {
  const { operation, path, body, signal, outcome } = request
  // Aborted before sending: nothing can be pending, so the abort reason is thrown as it is.
  signal?.throwIfAborted()
  try {
    return await client.request({
      method: 'POST',
      path,
      body,
      operation,
      ...(signal ? { signal } : {}),
    })
  } catch (error) {
    if (outcome && isOutcomeUnknown(error, signal)) {
      throw new FlexPaymentOutcomeUnknownError({ operation, path, ...outcome }, error)
    }
    throw error
  }
}

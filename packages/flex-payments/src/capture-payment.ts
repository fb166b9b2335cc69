import type { FlexFieldIssue } from 'flex-types'
import { createPaymentInputError } from './errors.js'
import type { CaptureResult } from './payment-results.js'
import type { PaymentsClient } from './payments-client.js'
import { readMoney } from './read-money.js'
import { readAmountAnswer } from './read-payment-answer.js'
import {
  readClientReference,
  readCommonArguments,
  readResourceId,
  readTransactionId,
} from './read-resource-id.js'
import { sendPaymentRequest } from './send-payment-request.js'

/** Options of `capturePayment`. */
export interface CapturePaymentOptions {
  /** The `id` of the authorization. */
  paymentId: string
  /** The amount to capture, a decimal string. */
  amount: string
  currency: string
  /** The amount authorized, when you know it: a capture above it is refused before the request. */
  authorizedAmount?: string
  /** Your unique id for this request; a random one when left out (for `voidAfterTimeout`). */
  transactionId?: string
  clientReference?: string
  signal?: AbortSignal
}

const CALLER = 'capturePayment'

/**
 * Captures an authorization (`POST /pts/v2/payments/{id}/captures`). With `authorizedAmount`, a
 * capture above it is refused before any request. When no answer comes, the capture may have been
 * made: a `FlexPaymentOutcomeUnknownError` tells you to call `voidAfterTimeout`.
 *
 * @example
 * ```ts
 * const capture = await capturePayment(client, { paymentId: result.id, amount: '10.00', currency: 'USD' })
 * console.log(capture.status) // 'PENDING'
 * ```
 */
export async function capturePayment(
  client: PaymentsClient,
  options: CapturePaymentOptions,
): Promise<CaptureResult> {
  readCommonArguments(CALLER, client, options)
  const issues: FlexFieldIssue[] = []
  const paymentId = readResourceId(CALLER, 'paymentId', options.paymentId, issues)
  const amountDetails = readMoney(CALLER, options, issues, { atMost: 'authorizedAmount' })
  const transactionId = readTransactionId(CALLER, options.transactionId, issues)
  const code = readClientReference(CALLER, options.clientReference, issues)
  if (issues.length > 0) throw createPaymentInputError(CALLER, issues)
  const path = `/pts/v2/payments/${paymentId}/captures`
  return sendPaymentRequest(
    client,
    {
      operation: CALLER,
      path,
      body: {
        clientReferenceInformation: { ...(code === undefined ? {} : { code }), transactionId },
        orderInformation: { amountDetails },
      },
      signal: options.signal,
      outcome: { transactionId, recovery: 'voidAfterTimeout' },
    },
    (response) => {
      return readAmountAnswer(
        {
          operation: CALLER,
          path,
          response,
          statuses: ['PENDING', 'TRANSMITTED'] as const,
          transactionId,
        },
        ['orderInformation', 'amountDetails'],
        'totalAmount',
      )
    },
  )
}

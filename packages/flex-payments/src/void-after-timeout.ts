import type { FlexFieldIssue } from 'flex-types'
import { createPaymentInputError } from './errors.js'
import type { VoidResult } from './payment-results.js'
import type { PaymentsClient } from './payments-client.js'
import { readCommonArguments, readResourceId } from './read-resource-id.js'
import { sendPaymentRequest } from './send-payment-request.js'
import { readVoidAnswer } from './void-payment.js'

/** Options of `voidAfterTimeout`. */
export interface VoidAfterTimeoutOptions {
  /** The `transactionId` the unanswered sale, capture or refund carried (`error.transactionId`). */
  transactionId: string
  signal?: AbortSignal
}

const CALLER = 'voidAfterTimeout'
const PATH = '/pts/v2/voids'

/**
 * The timeout void: voids a sale, capture or refund that got no answer, found by the
 * `clientReferenceInformation.transactionId` it carried (`POST /pts/v2/voids`).
 *
 * @example
 * ```ts
 * try {
 *   await authorizePayment(client, { transientToken: jwt, amount: '10.00', currency: 'USD', capture: true })
 * } catch (error) {
 *   if (FlexPaymentOutcomeUnknownError.isInstance(error)) {
 *     await voidAfterTimeout(client, { transactionId: error.transactionId })
 *   }
 * }
 * ```
 */
export async function voidAfterTimeout(
  client: PaymentsClient,
  options: VoidAfterTimeoutOptions,
): Promise<VoidResult> {
  readCommonArguments(CALLER, client, options)
  const issues: FlexFieldIssue[] = []
  const transactionId = readResourceId(CALLER, 'transactionId', options.transactionId, issues)
  if (issues.length > 0) throw createPaymentInputError(CALLER, issues)
  return sendPaymentRequest(
    client,
    {
      operation: CALLER,
      path: PATH,
      body: { clientReferenceInformation: { transactionId } },
      signal: options.signal,
    },
    (response) => {
      return readVoidAnswer(CALLER, PATH, response, transactionId)
    },
  )
}

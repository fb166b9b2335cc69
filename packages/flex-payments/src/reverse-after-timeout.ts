import type { FlexFieldIssue } from 'flex-types'
import { createPaymentInputError } from './errors.js'
import type { ReversalResult } from './payment-results.js'
import type { PaymentsClient } from './payments-client.js'
import { readMoney } from './read-money.js'
import { readCommonArguments, readResourceId } from './read-resource-id.js'
import { readReversalAnswer } from './reverse-authorization.js'
import { sendPaymentRequest } from './send-payment-request.js'

/** Options of `reverseAfterTimeout`. */
export interface ReverseAfterTimeoutOptions {
  /** The `transactionId` the unanswered authorization carried (`error.transactionId`). */
  transactionId: string
  /** The authorized amount to reverse, as the official sample sends it; with `currency`. */
  amount?: string
  currency?: string
  signal?: AbortSignal
}

const CALLER = 'reverseAfterTimeout'
const PATH = '/pts/v2/reversals'

/**
 * The timeout reversal: undoes an authorization that got no answer, found by the
 * `clientReferenceInformation.transactionId` it carried (`POST /pts/v2/reversals`). Cybersource has
 * no idempotency key, so an unanswered authorization is never sent again: reverse it, then start a
 * new one.
 *
 * @example
 * ```ts
 * try {
 *   await authorizePayment(client, { transientToken: jwt, amount: '10.00', currency: 'USD' })
 * } catch (error) {
 *   if (FlexPaymentOutcomeUnknownError.isInstance(error)) {
 *     await reverseAfterTimeout(client, { transactionId: error.transactionId, amount: '10.00', currency: 'USD' })
 *   }
 * }
 * ```
 */
export async function reverseAfterTimeout(
  client: PaymentsClient,
  options: ReverseAfterTimeoutOptions,
): Promise<ReversalResult> {
  readCommonArguments(CALLER, client, options)
  const issues: FlexFieldIssue[] = []
  const transactionId = readResourceId(CALLER, 'transactionId', options.transactionId, issues)
  const details = readMoney(CALLER, options, issues, { optional: true })
  if (issues.length > 0) throw createPaymentInputError(CALLER, issues)
  return sendPaymentRequest(
    client,
    {
      operation: CALLER,
      path: PATH,
      body: {
        clientReferenceInformation: { transactionId },
        ...(details ? { reversalInformation: { amountDetails: details } } : {}),
      },
      signal: options.signal,
    },
    (response) => {
      return readReversalAnswer(CALLER, PATH, response, transactionId)
    },
  )
}

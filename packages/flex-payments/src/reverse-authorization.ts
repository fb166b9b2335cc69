import type { FlexFieldIssue } from 'flex-types'
import { createPaymentInputError } from './errors.js'
import type { ReversalResult } from './payment-results.js'
import type { FlexApiResponse, PaymentsClient } from './payments-client.js'
import { readMoney } from './read-money.js'
import { readAmountAnswer } from './read-payment-answer.js'
import { readClientReference, readCommonArguments, readResourceId } from './read-resource-id.js'
import { sendPaymentRequest } from './send-payment-request.js'

/** Options of `reverseAuthorization`. */
export interface ReverseAuthorizationOptions {
  /** The `id` of the authorization. */
  paymentId: string
  /**
   * The amount to reverse, a decimal string: the authorized amount, or part of it (a partial
   * reversal; several may follow each other up to the authorized amount where the processor
   * supports them, see the README).
   */
  amount: string
  currency: string
  clientReference?: string
  signal?: AbortSignal
}

const CALLER = 'reverseAuthorization'

/**
 * Reverses (releases) all or part of an authorization that was not captured
 * (`POST /pts/v2/payments/{id}/reversals`).
 *
 * @example
 * ```ts
 * const reversal = await reverseAuthorization(client, { paymentId: result.id, amount: '10.00', currency: 'USD' })
 * console.log(reversal.status) // 'REVERSED'
 * ```
 */
export async function reverseAuthorization(
  client: PaymentsClient,
  options: ReverseAuthorizationOptions,
): Promise<ReversalResult> {
  readCommonArguments(CALLER, client, options)
  const issues: FlexFieldIssue[] = []
  const paymentId = readResourceId(CALLER, 'paymentId', options.paymentId, issues)
  const details = readMoney(CALLER, options, issues)
  const code = readClientReference(CALLER, options.clientReference, issues)
  if (issues.length > 0) throw createPaymentInputError(CALLER, issues)
  const path = `/pts/v2/payments/${paymentId}/reversals`
  return sendPaymentRequest(
    client,
    {
      operation: CALLER,
      path,
      body: {
        ...(code === undefined ? {} : { clientReferenceInformation: { code } }),
        reversalInformation: { amountDetails: details },
      },
      signal: options.signal,
    },
    (response) => {
      return readReversalAnswer(CALLER, path, response, undefined)
    },
  )
}

/** Reads a `REVERSED` answer (`reversalAmountDetails`). */
export function readReversalAnswer(
  operation: string,
  path: string,
  response: FlexApiResponse,
  transactionId: string | undefined,
): ReversalResult {
  return readAmountAnswer(
    { operation, path, response, statuses: ['REVERSED'] as const, transactionId },
    ['reversalAmountDetails'],
    'reversedAmount',
    'originalTransactionAmount',
  )
}

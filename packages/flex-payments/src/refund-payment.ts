import type { FlexFieldIssue } from 'flex-types'
import { createUsageError } from 'flex-types/internal'
import { createPaymentInputError } from './errors.js'
import type { RefundResult } from './payment-results.js'
import type { PaymentsClient } from './payments-client.js'
import { readMoney } from './read-money.js'
import { pick, readAmounts, readPaymentAnswer } from './read-payment-answer.js'
import {
  readClientReference,
  readCommonArguments,
  readResourceId,
  readTransactionId,
} from './read-resource-id.js'
import { sendPaymentRequest } from './send-payment-request.js'

/** Options of `refundPayment`: the sale's `paymentId` or the `captureId`, exactly one. */
export type RefundPaymentOptions = (
  | { paymentId: string; captureId?: undefined }
  | { captureId: string; paymentId?: undefined }
) & {
  /** The amount to refund, a decimal string. */
  amount: string
  currency: string
  /** Your unique id for this request; a random one when left out (for `voidAfterTimeout`). */
  transactionId?: string
  clientReference?: string
  signal?: AbortSignal
}

const CALLER = 'refundPayment'
const STATUSES = ['PENDING', 'DECLINED', 'INVALID_REQUEST'] as const

function readRefundPath(options: RefundPaymentOptions, issues: FlexFieldIssue[]): string {
  if ((options.paymentId === undefined) === (options.captureId === undefined)) {
    throw createUsageError(CALLER, 'paymentId', 'or captureId is required, and not both')
  }
  return options.paymentId !== undefined
    ? `/pts/v2/payments/${readResourceId(CALLER, 'paymentId', options.paymentId, issues)}/refunds`
    : `/pts/v2/captures/${readResourceId(CALLER, 'captureId', options.captureId, issues)}/refunds`
}

/**
 * Refunds a captured payment, by the sale's payment id (`POST /pts/v2/payments/{id}/refunds`) or
 * by the capture id (`POST /pts/v2/captures/{id}/refunds`). A refused refund is a result. When no
 * answer comes, a `FlexPaymentOutcomeUnknownError` tells you to call `voidAfterTimeout`.
 *
 * @example
 * ```ts
 * const refund = await refundPayment(client, { captureId: capture.id, amount: '5.00', currency: 'USD' })
 * if (refund.status === 'PENDING') console.log(refund.id)
 * ```
 */
export async function refundPayment(
  client: PaymentsClient,
  options: RefundPaymentOptions,
): Promise<RefundResult> {
  readCommonArguments(CALLER, client, options)
  const issues: FlexFieldIssue[] = []
  const path = readRefundPath(options, issues)
  const details = readMoney(CALLER, options, issues)
  const transactionId = readTransactionId(CALLER, options.transactionId, issues)
  const code = readClientReference(CALLER, options.clientReference, issues)
  if (issues.length > 0) throw createPaymentInputError(CALLER, issues)
  return sendPaymentRequest(
    client,
    {
      operation: CALLER,
      path,
      body: {
        clientReferenceInformation: { ...(code === undefined ? {} : { code }), transactionId },
        orderInformation: { amountDetails: details },
      },
      signal: options.signal,
      outcome: { transactionId, recovery: 'voidAfterTimeout' },
    },
    (response) => {
      const answer = readPaymentAnswer({
        operation: CALLER,
        path,
        response,
        statuses: STATUSES,
        idOptional: ['DECLINED', 'INVALID_REQUEST'],
        transactionId,
      })
      const { status, id, base, reason } = answer
      if (status !== 'PENDING') return { status, id, reason, ...base }
      return {
        status,
        id: id ?? '',
        ...base,
        ...readAmounts(pick(answer.body, 'refundAmountDetails'), 'refundAmount'),
      }
    },
  )
}

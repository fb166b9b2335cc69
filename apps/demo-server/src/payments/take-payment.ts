import {
  type AuthorizationAccepted,
  type AuthorizationResult,
  authorizePayment,
  type CaptureContext,
  FlexPaymentOutcomeUnknownError,
  type PaymentAddress,
  type PaymentProcessorFacts,
  type PaymentsClient,
} from 'flex-payments'
import type { ReadAmount } from './money.js'
import { newLocalId, type Transaction } from './transaction-store.js'

/** What the agent asked for and what is known of the card, without the card itself. */
export interface PaymentRequest {
  intent: 'authorize' | 'sale'
  amount: string
  currency: string
  read: ReadAmount
  billTo?: PaymentAddress
  card?: Transaction['card']
  billingName?: string
}

// flex-payments answers only the statuses of its result types: the refused ones are the others.
function isAccepted(result: AuthorizationResult): result is AuthorizationAccepted {
  return result.status !== 'DECLINED' && result.status !== 'INVALID_REQUEST'
}

function minorOf(amount: string | undefined, exponent: number, fallback: bigint): bigint {
  if (amount === undefined || !/^\d{1,12}(\.\d+)?$/.test(amount)) return fallback
  const [whole = '0', fraction = ''] = amount.split('.')
  return BigInt(`${whole}${fraction.padEnd(exponent, '0').slice(0, exponent)}`)
}

function receiptCodes(processor: PaymentProcessorFacts | undefined) {
  const { approvalCode, avsCode, cvnCode } = processor ?? {}
  return {
    ...(approvalCode ? { approvalCode } : {}),
    ...(avsCode ? { avsCode } : {}),
    ...(cvnCode ? { cvnCode } : {}),
  }
}

function newTransaction(request: PaymentRequest, now: Date): Transaction {
  return {
    id: newLocalId(),
    createdAt: now,
    kind: request.intent === 'sale' ? 'sale' : 'authorization',
    currency: request.currency,
    exponent: request.read.exponent,
    requestedAmount: request.amount,
    status: 'UNKNOWN',
    authorizedMinor: 0n,
    capturedMinor: 0n,
    refundedMinor: 0n,
    reversed: false,
    voided: false,
    events: [],
    ...(request.card ? { card: request.card } : {}),
    ...(request.billingName ? { billingName: request.billingName } : {}),
  }
}

/**
 * Pays with a verified transient token: an authorization, or a sale. A decline is a transaction
 * too. When the authorization gets no answer it may have been made: the transaction records the
 * transaction id and the recovery (timeout reversal or void), and nothing is sent again. Other
 * errors (a refusal) are thrown: nothing was charged.
 *
 * @example
 * ```ts
 * const transaction = await takePayment(client, jwt, captureContext, request, new Date())
 * ```
 */
export async function takePayment(
  client: PaymentsClient,
  transientToken: string,
  captureContext: CaptureContext,
  request: PaymentRequest,
  now: Date,
): Promise<Transaction> {
  const action = request.intent === 'sale' ? 'sale' : 'authorize'
  const transaction = newTransaction(request, now)
  try {
    const result = await authorizePayment(client, {
      transientToken,
      captureContext,
      amount: request.amount,
      currency: request.currency,
      capture: request.intent === 'sale',
      ...(request.billTo ? { billTo: request.billTo } : {}),
      currentDate: now,
    })
    const accepted = isAccepted(result)
    const authorized =
      'amount' in result ? minorOf(result.amount, transaction.exponent, request.read.minor) : 0n
    const captured =
      request.intent === 'sale' &&
      (result.status === 'AUTHORIZED' || result.status === 'PARTIAL_AUTHORIZED')
    Object.assign(transaction, {
      status: result.status,
      authorizedMinor: accepted ? authorized : 0n,
      capturedMinor: captured ? authorized : 0n,
      ...(result.id ? { paymentId: result.id } : {}),
      ...(result.transactionId ? { transactionId: result.transactionId } : {}),
      ...(result.reason ? { reason: result.reason } : {}),
      ...(result.correlationId ? { correlationId: result.correlationId } : {}),
      ...receiptCodes(result.processor),
    })
    transaction.events.push({
      at: now,
      action,
      outcome: accepted ? 'done' : 'declined',
      status: result.status,
      amount: request.amount,
      ...(result.reason ? { reason: result.reason } : {}),
      ...(result.correlationId ? { correlationId: result.correlationId } : {}),
    })
    return transaction
  } catch (error) {
    if (!FlexPaymentOutcomeUnknownError.isInstance(error)) throw error
    transaction.transactionId = error.transactionId
    transaction.pendingRecovery = {
      transactionId: error.transactionId,
      recovery: error.recovery,
      of: action,
      amount: request.amount,
    }
    transaction.events.push({
      at: now,
      action,
      outcome: 'unknown',
      amount: request.amount,
      code: error.code,
    })
    return transaction
  }
}

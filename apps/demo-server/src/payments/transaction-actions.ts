import {
  capturePayment,
  FlexPaymentOutcomeUnknownError,
  type PaymentsClient,
  refundPayment,
  reverseAfterTimeout,
  reverseAuthorization,
  voidAfterTimeout,
  voidPayment,
} from 'flex-payments'
import { createUsageError } from 'flex-types/internal'
import { describeError } from '../describe-error.js'
import { formatMinorUnits } from './money.js'
import type { Transaction, TransactionAction, TransactionEvent } from './transaction-store.js'

const ACCEPTED = new Set(['AUTHORIZED', 'PARTIAL_AUTHORIZED', 'AUTHORIZED_PENDING_REVIEW'])

// MISSING_AUTH answers a reversal of an authorization that was declined: nothing was held.
const nothingToUndo = (error: unknown): boolean => describeError(error).reason === 'MISSING_AUTH'

/**
 * The actions a transaction's state allows, in the order the page offers them. A payment whose
 * outcome is unknown allows only its recovery: nothing else until it is undone.
 *
 * @example
 * ```ts
 * allowedActions(transaction) // ['capture', 'reverse'] for a fresh authorization
 * ```
 */
export function allowedActions(transaction: Transaction): TransactionAction[] {
  if (transaction.pendingRecovery) return ['recover']
  if (!ACCEPTED.has(transaction.status) || transaction.reversed || transaction.voided) return []
  const actions: TransactionAction[] = []
  if (transaction.capturedMinor < transaction.authorizedMinor) actions.push('capture')
  if (transaction.capturedMinor > transaction.refundedMinor) actions.push('refund')
  if (transaction.capturedMinor > 0n && transaction.refundedMinor === 0n) actions.push('void')
  if (transaction.capturedMinor === 0n) actions.push('reverse')
  return actions
}

/**
 * The most an action may move, in minor units: what is left to capture or to refund.
 *
 * @example
 * ```ts
 * actionLimit(transaction, 'capture') // 2000n after capturing 10.00 of 30.00 USD
 * ```
 */
export function actionLimit(transaction: Transaction, action: TransactionAction): bigint {
  if (action === 'capture') return transaction.authorizedMinor - transaction.capturedMinor
  if (action === 'refund') return transaction.capturedMinor - transaction.refundedMinor
  return transaction.authorizedMinor
}

async function send(
  client: PaymentsClient,
  transaction: Transaction,
  action: TransactionAction,
  amount: string,
) {
  const paymentId = transaction.paymentId ?? ''
  const { currency } = transaction
  switch (action) {
    case 'capture':
      return capturePayment(client, {
        paymentId,
        amount,
        currency,
        authorizedAmount: formatMinorUnits(transaction.authorizedMinor, transaction.exponent),
      })
    case 'refund':
      return refundPayment(client, { paymentId, amount, currency })
    case 'void':
      return voidPayment(client, { paymentId })
    case 'reverse':
      return reverseAuthorization(client, { paymentId, amount, currency })
    case 'recover': {
      const pending = transaction.pendingRecovery
      if (!pending) throw createUsageError('runAction', 'transaction', 'has no payment to recover')
      return pending.recovery === 'reverseAfterTimeout'
        ? reverseAfterTimeout(client, { transactionId: pending.transactionId, amount, currency })
        : voidAfterTimeout(client, { transactionId: pending.transactionId })
    }
  }
}

function apply(transaction: Transaction, action: TransactionAction, minor: bigint): void {
  if (action === 'capture') transaction.capturedMinor += minor
  else if (action === 'refund') transaction.refundedMinor += minor
  else if (action === 'void') transaction.voided = true
  else if (action === 'reverse') transaction.reversed = true
  else if (action === 'recover') {
    // A capture or refund that got no answer was never counted: undoing it changes no total.
    const of = transaction.pendingRecovery?.of
    delete transaction.pendingRecovery
    if (of === 'authorize') transaction.status = 'REVERSED'
    else if (of === 'sale') transaction.status = 'VOIDED'
  }
}

/**
 * Runs one action on a transaction through flex-payments and records it: the new state and an
 * event with the service's status, or with the error's code, reason and correlation id. A capture
 * or refund that gets no answer becomes the transaction's pending recovery (a timeout void).
 *
 * @example
 * ```ts
 * const event = await runAction(client, transaction, 'capture', { amount: '10.00', minor: 1000n }, new Date())
 * ```
 */
export async function runAction(
  client: PaymentsClient,
  transaction: Transaction,
  action: TransactionAction,
  money: { amount: string; minor: bigint },
  now: Date,
): Promise<TransactionEvent> {
  const base = { at: now, action, amount: money.amount }
  let event: TransactionEvent
  try {
    const result = await send(client, transaction, action, money.amount)
    const refused = result.status === 'DECLINED' || result.status === 'INVALID_REQUEST'
    const failed = result.status === 'FAILED' || result.status === 'CANCELLED'
    event = {
      ...base,
      outcome: refused ? 'declined' : failed ? 'refused' : 'done',
      status: result.status,
      ...('reason' in result && result.reason ? { reason: result.reason } : {}),
      ...(result.id ? { serviceId: result.id } : {}),
      ...(result.correlationId ? { correlationId: result.correlationId } : {}),
    }
    if (event.outcome === 'done') apply(transaction, action, money.minor)
  } catch (error) {
    if (action === 'recover' && nothingToUndo(error)) {
      // The timeout reversal found no authorization: the lost one was declined, nothing to undo.
      const { reason, correlationId } = describeError(error)
      delete transaction.pendingRecovery
      transaction.status = 'DECLINED'
      event = {
        ...base,
        outcome: 'declined',
        ...(reason ? { reason } : {}),
        ...(correlationId ? { correlationId } : {}),
      }
      transaction.events.push(event)
      return event
    }
    if (FlexPaymentOutcomeUnknownError.isInstance(error)) {
      transaction.pendingRecovery = {
        transactionId: error.transactionId,
        recovery: error.recovery,
        of: action,
        amount: money.amount,
      }
      event = { ...base, outcome: 'unknown', code: error.code }
    } else {
      const { code, reason, correlationId } = describeError(error)
      event = {
        ...base,
        outcome: 'refused',
        code,
        ...(reason ? { reason } : {}),
        ...(correlationId ? { correlationId } : {}),
      }
    }
  }
  transaction.events.push(event)
  return event
}

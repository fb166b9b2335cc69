import type { EmulatorState } from './emulator-state.js'
import { readRequestAmount } from './handle-authorization.js'
import type { FollowOnRecord, PaymentRecord, PaymentStore } from './payment-record.js'
import { type PaymentRefusal, refuseField, refusePayment } from './payment-refusal.js'
import { followOnBody, reversalOrVoidBody } from './payment-response.js'
import {
  capturePayment,
  refundPayment,
  reversePayment,
  type TransitionRefusal,
  voidTransactions,
} from './payment-transitions.js'
import { randomDigits, randomUpperAlphanumeric } from './random-id.js'
import {
  isRefusal,
  type JsonObject,
  optionalString,
  requiredString,
} from './read-payment-request.js'

/** The follow-on operations and the timeout reversal and void. */
export type FollowOnOperation =
  | 'capture'
  | 'reversal'
  | 'refund'
  | 'void'
  | 'refund-capture'
  | 'void-capture'
  | 'void-refund'
  | 'timeout-reversal'
  | 'timeout-void'

type Answer = { status: 201; body: object } | PaymentRefusal

const TRANSACTION_ID = 'clientReferenceInformation.transactionId'
const ORDER_AMOUNT = {
  amount: 'orderInformation.amountDetails.totalAmount',
  currency: 'orderInformation.amountDetails.currency',
}
const REVERSAL_AMOUNT = {
  amount: 'reversalInformation.amountDetails.totalAmount',
  currency: 'reversalInformation.amountDetails.currency',
}

const toRefusal = (now: Date, problem: TransitionRefusal): PaymentRefusal =>
  refusePayment(now, problem.refused, problem.message)

function findPayment(
  state: EmulatorState,
  merchantId: string,
  id: string,
  byFollowOn: boolean,
): { payment: PaymentRecord; followOn?: FollowOnRecord } | undefined {
  const store = state.payments
  const payment = byFollowOn ? store.byFollowOnId.get(id) : store.byId.get(id)
  if (!payment || payment.merchantId !== merchantId) return undefined
  const followOn = byFollowOn ? payment.followOns.find((entry) => entry.id === id) : undefined
  return followOn ? { payment, followOn } : { payment }
}

function reverse(
  store: PaymentStore,
  now: Date,
  payment: PaymentRecord,
  body: JsonObject,
  code: string | undefined,
): Answer {
  const amount = readRequestAmount(body, now, REVERSAL_AMOUNT, payment.currency)
  if (isRefusal(amount)) return amount
  const id = randomDigits(22)
  const problem = reversePayment(store, payment, { id, minor: amount.minor, now })
  if (problem) return toRefusal(now, problem)
  const input = {
    id,
    at: now,
    minor: amount.minor,
    originalMinor: payment.authorizedMinor,
    currency: payment.currency,
  }
  return {
    status: 201,
    body: reversalOrVoidBody('reversal', code === undefined ? input : { ...input, code }),
  }
}

function voidIt(
  store: PaymentStore,
  now: Date,
  payment: PaymentRecord,
  target: FollowOnRecord | undefined,
  code: string | undefined,
): Answer {
  const id = randomDigits(22)
  const voided = voidTransactions(store, payment, { id, now, ...(target ? { target } : {}) })
  if (typeof voided !== 'bigint') return toRefusal(now, voided)
  const input = { id, at: now, minor: voided, originalMinor: voided, currency: payment.currency }
  return {
    status: 201,
    body: reversalOrVoidBody('void', code === undefined ? input : { ...input, code }),
  }
}

function captureOrRefund(
  state: EmulatorState,
  operation: 'capture' | 'refund' | 'refund-capture',
  found: { payment: PaymentRecord; followOn?: FollowOnRecord },
  body: JsonObject,
  reference: { code: string | undefined; transactionId: string | undefined },
  now: Date,
): Answer {
  const { payment } = found
  const amount = readRequestAmount(body, now, ORDER_AMOUNT, payment.currency)
  if (isRefusal(amount)) return amount
  const input = {
    id: randomDigits(22),
    minor: amount.minor,
    now,
    ...(reference.transactionId === undefined ? {} : { transactionId: reference.transactionId }),
  }
  const result =
    operation === 'capture'
      ? capturePayment(state.payments, payment, input)
      : refundPayment(
          state.payments,
          payment,
          found.followOn ? { ...input, capture: found.followOn } : input,
        )
  if ('refused' in result) return toRefusal(now, result)
  const extra = { reconciliationId: randomUpperAlphanumeric(16) }
  return {
    status: 201,
    body: followOnBody(
      payment,
      result,
      reference.code === undefined ? extra : { ...extra, code: reference.code },
    ),
  }
}

/**
 * The routes that act on an earlier payment: by its id in the path, or by the
 * `clientReferenceInformation.transactionId` it was sent with (timeout reversal and void).
 */
export function handlePaymentFollowOn(
  state: EmulatorState,
  merchantId: string,
  operation: FollowOnOperation,
  id: string | undefined,
  body: JsonObject,
): Answer {
  const now = state.clock.now()
  const code = optionalString(body, 'clientReferenceInformation.code', now, 50)
  if (isRefusal(code)) return code
  if (operation === 'timeout-reversal' || operation === 'timeout-void') {
    const transactionId = requiredString(body, TRANSACTION_ID, now, 64)
    if (isRefusal(transactionId)) return transactionId
    const found = state.payments.byTransactionId.get(`${merchantId} ${transactionId}`)
    if (!found || (operation === 'timeout-reversal' && found.followOn)) {
      return refuseField(
        now,
        TRANSACTION_ID,
        'INVALID_DATA',
        'No transaction was sent with this transactionId',
      )
    }
    return operation === 'timeout-reversal'
      ? reverse(state.payments, now, found.payment, body, code)
      : voidIt(state.payments, now, found.payment, found.followOn, code)
  }
  const transactionId = optionalString(body, TRANSACTION_ID, now, 64)
  if (isRefusal(transactionId)) return transactionId
  if (
    transactionId !== undefined &&
    state.payments.byTransactionId.has(`${merchantId} ${transactionId}`)
  ) {
    return refusePayment(now, 'DUPLICATE_REQUEST', `${TRANSACTION_ID} was used before`, [
      { field: TRANSACTION_ID, reason: 'INVALID_DATA' },
    ])
  }
  const byFollowOn =
    operation === 'refund-capture' || operation === 'void-capture' || operation === 'void-refund'
  const found = findPayment(state, merchantId, id ?? '', byFollowOn)
  const kind = operation === 'void-refund' ? 'refund' : 'capture'
  if (!found || (byFollowOn && found.followOn?.kind !== kind)) {
    return refusePayment(
      now,
      byFollowOn ? 'INVALID_DATA' : 'MISSING_AUTH',
      'No transaction has this id for this merchant',
      [{ field: 'id', reason: 'INVALID_DATA' }],
    )
  }
  if (operation === 'void-capture' || operation === 'void-refund')
    return voidIt(state.payments, now, found.payment, found.followOn, code)
  if (operation === 'reversal') return reverse(state.payments, now, found.payment, body, code)
  if (operation === 'void') return voidIt(state.payments, now, found.payment, undefined, code)
  return captureOrRefund(state, operation, found, body, { code, transactionId }, now)
}

import type { EmulatorState } from './emulator-state.js'
import { formatAmount } from './payment-amount.js'
import {
  type FollowOnRecord,
  findPaymentOf,
  isSettled,
  type PaymentRecord,
  TRANSACTION_ID_PATTERN,
} from './payment-record.js'
import { formatSubmitTime, refusePayment } from './payment-refusal.js'

// The legacy reason codes of the authorization outcomes the emulator gives (docs/protocol.md 14.9).
const REASON_CODES: Readonly<Record<string, string>> = {
  AUTHORIZED: '100',
  PARTIAL_AUTHORIZED: '110',
  AUTHORIZED_PENDING_REVIEW: '480',
  INSUFFICIENT_FUND: '204',
  EXPIRED_CARD: '202',
  CVN_NOT_MATCH: '230',
  STOLEN_LOST_CARD: '205',
  PROCESSOR_DECLINED: '203',
  AVS_FAILED: '200',
}

function application(name: string, reasonCode: string, declined: boolean) {
  const rCode = declined ? '0' : '1'
  return { reasonCode, rCode, applications: [{ name, reasonCode, rCode }] }
}

function authorizationDetails(payment: PaymentRecord) {
  const declined = payment.authorizationStatus === 'DECLINED'
  const reasonCode =
    REASON_CODES[declined ? (payment.authorizationReason ?? '') : payment.authorizationStatus] ??
    '203'
  return {
    submitTimeUTC: formatSubmitTime(payment.createdAt),
    status: payment.authorizationStatus,
    applicationInformation: application('ics_auth', reasonCode, declined),
    orderInformation: {
      amountDetails: {
        totalAmount: formatAmount(payment.requestedMinor, payment.currency),
        ...(declined
          ? {}
          : { authorizedAmount: formatAmount(payment.authorizedMinor, payment.currency) }),
        currency: payment.currency,
      },
    },
  }
}

function followOnDetails(payment: PaymentRecord, followOn: FollowOnRecord, now: Date) {
  const status = followOn.voided ? 'VOIDED' : isSettled(followOn, now) ? 'TRANSMITTED' : 'PENDING'
  return {
    submitTimeUTC: formatSubmitTime(followOn.submittedAt),
    status,
    applicationInformation: application(
      followOn.kind === 'capture' ? 'ics_bill' : 'ics_credit',
      '100',
      false,
    ),
    orderInformation: {
      amountDetails: {
        totalAmount: formatAmount(followOn.minor, payment.currency),
        currency: payment.currency,
      },
    },
  }
}

function undoDetails(payment: PaymentRecord, event: PaymentRecord['history'][number]) {
  return {
    submitTimeUTC: formatSubmitTime(event.at),
    status: event.status,
    applicationInformation: application(
      event.type === 'reversal' ? 'ics_auth_reversal' : 'ics_void',
      '100',
      false,
    ),
    orderInformation: { amountDetails: { totalAmount: event.amount, currency: payment.currency } },
  }
}

function detailsOf(payment: PaymentRecord, id: string, now: Date) {
  if (id === payment.id)
    return { details: authorizationDetails(payment), transactionId: payment.transactionId }
  const followOn = payment.followOns.find((entry) => entry.id === id)
  if (followOn)
    return {
      details: followOnDetails(payment, followOn, now),
      transactionId: followOn.transactionId,
    }
  const event = payment.history.find((entry) => entry.id === id)
  return event ? { details: undoDetails(payment, event), transactionId: undefined } : undefined
}

/**
 * `GET /tss/v2/transactions/{id}` (the official SDK's `TransactionDetailsApi.getTransaction`): an
 * authorization, capture, refund, reversal or void of the merchant, in the shape of
 * `TssV2TransactionsGet200Response` (a subset: no billing data, the card as BIN and last four).
 * A sale's id names its authorization.
 */
export function transactionDetails(
  state: EmulatorState,
  merchantId: string,
  id: string,
): { status: number; body: object } {
  const payment = TRANSACTION_ID_PATTERN.test(id) ? findPaymentOf(state.payments, id) : undefined
  const found =
    payment?.merchantId === merchantId ? detailsOf(payment, id, state.clock.now()) : undefined
  if (!payment || !found) {
    return refusePayment(state.clock.now(), 'NOT_FOUND', 'No transaction has this id', [], 404)
  }
  const { details, transactionId } = found
  const card = payment.card?.maskedNumber
  return {
    status: 200,
    body: {
      id,
      rootId: payment.id,
      merchantId,
      ...details,
      ...(transactionId === undefined ? {} : { clientReferenceInformation: { transactionId } }),
      ...(card === undefined
        ? {}
        : { paymentInformation: { card: { prefix: card.slice(0, 6), suffix: card.slice(-4) } } }),
      _links: { self: { href: `/tss/v2/transactions/${id}`, method: 'GET' } },
    },
  }
}

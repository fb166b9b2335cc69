import { formatAmount } from './payment-amount.js'
import {
  addFollowOn,
  capturedMinor,
  type FollowOnRecord,
  isSettled,
  type PaymentRecord,
  type PaymentStore,
} from './payment-record.js'

/** A refused transition: the reason code of the service's 400 and a message without values. */
export interface TransitionRefusal {
  refused: string
  message: string
}

/** Captures, refunds and reversals one payment may have, so its memory stays bounded. */
export const MAX_FOLLOW_ONS_PER_PAYMENT = 100

const refused = (reason: string, message: string): TransitionRefusal => ({
  refused: reason,
  message,
})

// Math.min does not take bigints.
const smaller = (first: bigint, second: bigint): bigint => (first < second ? first : second)

const tooMany = (): TransitionRefusal =>
  refused(
    'INVALID_DATA',
    `The emulator keeps at most ${MAX_FOLLOW_ONS_PER_PAYMENT} captures, refunds and reversals per payment`,
  )

const authorized = (payment: PaymentRecord): boolean => payment.authorizationStatus !== 'DECLINED'

const full = (payment: PaymentRecord): boolean =>
  payment.followOns.length + payment.history.filter((event) => event.type === 'reversal').length >=
  MAX_FOLLOW_ONS_PER_PAYMENT

function live(payment: PaymentRecord): TransitionRefusal | undefined {
  if (!authorized(payment)) return refused('MISSING_AUTH', 'The payment was declined')
  if (payment.reversed) return refused('AUTH_ALREADY_REVERSED', 'The authorization was reversed')
  return undefined
}

/**
 * Captures `minor` of an authorization: several partial captures are accepted while their total
 * (voided ones excepted) stays within the authorized amount.
 */
export function capturePayment(
  store: PaymentStore,
  payment: PaymentRecord,
  input: { id: string; minor: bigint; now: Date; transactionId?: string },
): FollowOnRecord | TransitionRefusal {
  const problem = live(payment)
  if (problem) return problem
  if (payment.voided)
    return refused('TRANSACTION_ALREADY_REVERSED_OR_SETTLED', 'The payment was voided')
  if (full(payment)) return tooMany()
  if (input.minor <= 0n) return refused('INVALID_AMOUNT', 'The amount must be more than zero')
  if (capturedMinor(payment) + input.minor > payment.authorizedMinor - payment.reversedMinor) {
    return refused('EXCEEDS_AUTH_AMOUNT', 'The captures would exceed the authorized amount')
  }
  return addPending(store, payment, 'capture', input)
}

/**
 * Reverses all or part of an authorization that has no capture standing (a voided capture does
 * not count): several partial reversals, each at most what is left of the authorized amount;
 * the one that releases the rest makes the authorization `reversed`.
 */
export function reversePayment(
  store: PaymentStore,
  payment: PaymentRecord,
  input: { id: string; minor: bigint; now: Date },
): TransitionRefusal | undefined {
  const problem = live(payment)
  if (problem) return problem
  if (payment.followOns.some((entry) => entry.kind === 'capture' && !entry.voided)) {
    return refused('TRANSACTION_ALREADY_REVERSED_OR_SETTLED', 'The authorization was captured')
  }
  if (full(payment)) return tooMany()
  const left = payment.authorizedMinor - payment.reversedMinor
  if (input.minor <= 0n || input.minor > left) {
    return refused('INVALID_AMOUNT', 'The amount must be more than zero and at most what is left')
  }
  payment.reversedMinor += input.minor
  payment.reversed = payment.reversedMinor === payment.authorizedMinor
  record(payment, 'reversal', input.id, 'REVERSED', input.minor, input.now)
  store.byUndoId.set(input.id, payment)
  return undefined
}

/**
 * Refunds `minor` of the captured money: of one capture (`capture`), or of the payment's
 * captures in order. The refunds of a capture never exceed it.
 */
export function refundPayment(
  store: PaymentStore,
  payment: PaymentRecord,
  input: { id: string; minor: bigint; now: Date; capture?: FollowOnRecord; transactionId?: string },
): FollowOnRecord | TransitionRefusal {
  if (!authorized(payment)) return refused('INVALID_DATA', 'The payment was declined')
  const captures = input.capture
    ? [input.capture]
    : payment.followOns.filter((entry) => entry.kind === 'capture')
  if (captures.length > 0 && captures.every((entry) => entry.voided)) {
    return refused('CAPTURE_ALREADY_VOIDED', 'The capture was voided')
  }
  if (input.minor <= 0n) return refused('INVALID_AMOUNT', 'The amount must be more than zero')
  if (full(payment)) return tooMany()
  const open = captures.filter((entry) => !entry.voided)
  const refundable = open.reduce((total, entry) => total + entry.minor - entry.refundedMinor, 0n)
  if (input.minor > refundable) {
    return refused('INVALID_AMOUNT', 'The refunds would exceed the captured amount')
  }
  let left = input.minor
  const drawnFrom: { capture: FollowOnRecord; minor: bigint }[] = []
  for (const entry of open) {
    const part = smaller(left, entry.minor - entry.refundedMinor)
    if (part === 0n) continue
    entry.refundedMinor += part
    drawnFrom.push({ capture: entry, minor: part })
    left -= part
  }
  const refund = addPending(store, payment, 'refund', input)
  refund.drawnFrom = drawnFrom
  return refund
}

/**
 * Voids what has not settled yet: one capture or refund (`target`), or every capture of the
 * payment (a sale's void). Settled, already voided, refunded or missing captures are
 * `NOT_VOIDABLE`. Returns the amount voided.
 */
export function voidTransactions(
  store: PaymentStore,
  payment: PaymentRecord,
  input: { id: string; now: Date; target?: FollowOnRecord },
): bigint | TransitionRefusal {
  const targets = input.target
    ? [input.target]
    : payment.followOns.filter((entry) => entry.kind === 'capture' && !entry.voided)
  const blocked =
    !authorized(payment) ||
    targets.length === 0 ||
    targets.some((entry) => entry.voided || isSettled(entry, input.now)) ||
    targets.some((entry) => entry.kind === 'capture' && entry.refundedMinor > 0n)
  if (blocked) return refused('NOT_VOIDABLE', 'Nothing unsettled to void')
  let total = 0n
  for (const entry of targets) {
    entry.voided = true
    total += entry.minor
    for (const drawn of entry.drawnFrom ?? []) drawn.capture.refundedMinor -= drawn.minor
  }
  if (!input.target) payment.voided = true
  record(payment, 'void', input.id, 'VOIDED', total, input.now)
  store.byUndoId.set(input.id, payment)
  return total
}

function addPending(
  store: PaymentStore,
  payment: PaymentRecord,
  kind: FollowOnRecord['kind'],
  input: { id: string; minor: bigint; now: Date; transactionId?: string },
): FollowOnRecord {
  const entry: FollowOnRecord = {
    id: input.id,
    kind,
    minor: input.minor,
    refundedMinor: 0n,
    submittedAt: input.now,
    voided: false,
    ...(input.transactionId === undefined ? {} : { transactionId: input.transactionId }),
  }
  addFollowOn(store, payment, entry)
  record(payment, kind, entry.id, 'PENDING', input.minor, input.now)
  return entry
}

function record(
  payment: PaymentRecord,
  type: 'capture' | 'refund' | 'reversal' | 'void',
  id: string,
  status: string,
  minor: bigint,
  at: Date,
): void {
  payment.history.push({ type, id, status, amount: formatAmount(minor, payment.currency), at })
}

import type { CardBrand } from 'flex-types'
import type { CardVerificationResult } from './payment-triggers.js'

// Ids are the emulator's own 22 digits; anything else cannot name a transaction.
export const TRANSACTION_ID_PATTERN: RegExp = /^[0-9]{1,40}$/

/** What a payment went through, oldest first. */
interface PaymentEvent {
  /** `authorization`, `capture`, `refund`, `reversal` or `void`. */
  type: 'authorization' | 'capture' | 'refund' | 'reversal' | 'void'
  /** The id of the answer (a capture's, a refund's…). */
  id: string
  /** The status answered (`AUTHORIZED`, `PENDING`, `REVERSED`, `VOIDED`…). */
  status: string
  /** The decimal amount, as answered. */
  amount: string
  at: Date
}

/** A capture or a refund of a payment. */
export interface FollowOnRecord {
  id: string
  kind: 'capture' | 'refund'
  minor: bigint
  /** Refunded so far (captures only). */
  refundedMinor: bigint
  /** Which captures a refund drew on, and how much of each (refunds only). */
  drawnFrom?: { capture: FollowOnRecord; minor: bigint }[]
  submittedAt: Date
  voided: boolean
  transactionId?: string
}

/** Everything the emulator remembers of one authorization (or sale) and what followed it. */
export interface PaymentRecord {
  id: string
  merchantId: string
  /** The authorization's answer: `AUTHORIZED`, `PARTIAL_AUTHORIZED`, `DECLINED`, … */
  authorizationStatus: string
  /** The authorization's `errorInformation.reason`, when it had one. */
  authorizationReason?: string
  currency: string
  requestedMinor: bigint
  authorizedMinor: bigint
  /** Fully reversed (the partial reversals reached the authorized amount). */
  reversed: boolean
  /** Reversed so far, by full or partial reversals. */
  reversedMinor: bigint
  voided: boolean
  followOns: FollowOnRecord[]
  history: PaymentEvent[]
  transactionId?: string
  card?: { maskedNumber: string; brand: CardBrand }
  createdAt: Date
}

type EmptyAtStart = 'reversed' | 'reversedMinor' | 'voided' | 'followOns' | 'history'

/** A new payment: what its authorization decided, nothing captured, refunded or undone yet. */
export function openPaymentRecord(fields: Omit<PaymentRecord, EmptyAtStart>): PaymentRecord {
  return {
    ...fields,
    reversed: false,
    reversedMinor: 0n,
    voided: false,
    followOns: [],
    history: [],
  }
}

function standing(payment: PaymentRecord, kind: FollowOnRecord['kind']): bigint {
  let total = 0n
  for (const entry of payment.followOns) {
    if (entry.kind === kind && !entry.voided) total += entry.minor
  }
  return total
}

/** The captured amount of a payment: its captures, less the voided ones. */
export function capturedMinor(payment: PaymentRecord): bigint {
  return standing(payment, 'capture')
}

/** The refunded amount of a payment: its refunds, less the voided ones. */
export function refundedMinor(payment: PaymentRecord): bigint {
  return standing(payment, 'refund')
}

/**
 * What the emulator keeps of a transient token for its authorization: the capture context's
 * kid, a mark derived from the security code (never the code), the expiry, and whether a
 * billing postal code was given. The card number stays in the token's masked inspection record.
 */
export interface IssuedTokenFacts {
  kid: string
  /** Set by the token's authorization: a token pays once, for as long as it is remembered. */
  used?: true
  cvnResult?: CardVerificationResult
  expiration?: { month: number; year: number }
  hasBillingPostalCode: boolean
}

/** The payments a running emulator remembers, bounded by `maxPayments`. */
export interface PaymentStore {
  byId: Map<string, PaymentRecord>
  /** A capture's or refund's id → its payment. */
  byFollowOnId: Map<string, PaymentRecord>
  /** A reversal's or void's id → its payment (at most as many as its bounded history). */
  byUndoId: Map<string, PaymentRecord>
  /** `merchantId transactionId` → the payment or follow-on that sent it. */
  byTransactionId: Map<string, { payment: PaymentRecord; followOn?: FollowOnRecord }>
  /** Issued transient tokens by jti: what an authorization needs of them, bounded as contexts. */
  issuedTokens: Map<string, IssuedTokenFacts>
  maxPayments: number
}

/** Creates an empty store. */
export function createPaymentStore(maxPayments: number): PaymentStore {
  return {
    byId: new Map(),
    byFollowOnId: new Map(),
    byUndoId: new Map(),
    byTransactionId: new Map(),
    issuedTokens: new Map(),
    maxPayments,
  }
}

const DAY_MS = 86_400_000

/**
 * Captures and refunds settle in a daily batch: at the first UTC midnight after they were
 * submitted, on the emulator clock (advance it a day to settle).
 */
export function isSettled(followOn: FollowOnRecord, now: Date): boolean {
  const batch = Math.floor(followOn.submittedAt.getTime() / DAY_MS + 1) * DAY_MS
  return !followOn.voided && now.getTime() >= batch
}

function isFinished(payment: PaymentRecord, now: Date): boolean {
  return (
    payment.reversed ||
    payment.voided ||
    payment.authorizationStatus === 'DECLINED' ||
    (payment.followOns.length > 0 &&
      payment.followOns.every((entry) => entry.voided || isSettled(entry, now)))
  )
}

function forget(store: PaymentStore, payment: PaymentRecord): void {
  store.byId.delete(payment.id)
  for (const entry of payment.followOns) store.byFollowOnId.delete(entry.id)
  for (const event of payment.history) store.byUndoId.delete(event.id)
  for (const transactionId of [
    payment.transactionId,
    ...payment.followOns.map((entry) => entry.transactionId),
  ]) {
    if (transactionId !== undefined)
      store.byTransactionId.delete(`${payment.merchantId} ${transactionId}`)
  }
}

/**
 * Makes room for one more payment under `maxPayments`: finished payments (declined, reversed,
 * voided, or all settled) go first, oldest first, then the oldest of the rest.
 */
export function makeRoomForPayment(store: PaymentStore, now: Date): void {
  const max = store.maxPayments - 1
  if (store.byId.size > max) {
    for (const payment of store.byId.values()) {
      if (store.byId.size <= max) break
      if (isFinished(payment, now)) forget(store, payment)
    }
  }
  for (const payment of store.byId.values()) {
    if (store.byId.size <= max) break
    forget(store, payment)
  }
}

/** The payment one of whose transactions (authorization, capture, refund, reversal, void) has `id`. */
export function findPaymentOf(store: PaymentStore, id: string): PaymentRecord | undefined {
  return store.byId.get(id) ?? store.byFollowOnId.get(id) ?? store.byUndoId.get(id)
}

/** Registers a follow-on of `payment` under its id and transaction id. */
export function addFollowOn(
  store: PaymentStore,
  payment: PaymentRecord,
  followOn: FollowOnRecord,
): void {
  payment.followOns.push(followOn)
  store.byFollowOnId.set(followOn.id, payment)
  if (followOn.transactionId !== undefined) {
    store.byTransactionId.set(`${payment.merchantId} ${followOn.transactionId}`, {
      payment,
      followOn,
    })
  }
}

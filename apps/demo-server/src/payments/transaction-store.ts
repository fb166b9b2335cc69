import type { FlexPaymentRecovery } from 'flex-payments'
import { createUsageError } from 'flex-types/internal'

/** What an agent can do to a transaction; `recover` is the timeout reversal or void. */
export type TransactionAction = 'capture' | 'refund' | 'void' | 'reverse' | 'recover'

/** One line of a transaction's history: what was asked, and what came back. */
export interface TransactionEvent {
  at: Date
  action: 'authorize' | 'sale' | TransactionAction
  /** `done`: taken; `declined`: a result; `refused`: an error; `unknown`: no answer. */
  outcome: 'done' | 'declined' | 'refused' | 'unknown'
  /** The service's `status`, e.g. `AUTHORIZED`, `PENDING`, `REVERSED`. */
  status?: string
  amount?: string
  /** The service's reason, e.g. `INSUFFICIENT_FUND`, `NOT_VOIDABLE`. */
  reason?: string
  /** The stable error code when the step failed. */
  code?: string
  correlationId?: string
  /** The id the service gave the follow-on (a capture's, a refund's). */
  serviceId?: string
}

/** A payment whose outcome is unknown: undo it by its transaction id, never send it again. */
interface PendingRecovery {
  transactionId: string
  recovery: FlexPaymentRecovery
  /** What got no answer. */
  of: TransactionEvent['action']
  amount: string
}

/**
 * A payment made through the demo: ids, amounts, results and history. Never a card number, a
 * security code or a token.
 */
export interface Transaction {
  id: string
  createdAt: Date
  kind: 'authorization' | 'sale'
  currency: string
  exponent: number
  requestedAmount: string
  /** Cybersource's id of the authorization, for the follow-on calls. */
  paymentId?: string
  /** `clientReferenceInformation.transactionId` of the authorization. */
  transactionId?: string
  status: string
  reason?: string
  authorizedMinor: bigint
  capturedMinor: bigint
  refundedMinor: bigint
  reversed: boolean
  voided: boolean
  approvalCode?: string
  avsCode?: string
  cvnCode?: string
  card?: { brand: string; lastFour: string }
  billingName?: string
  correlationId?: string
  pendingRecovery?: PendingRecovery
  /** An action is waiting for its answer: no second one starts meanwhile. */
  busy?: true
  events: TransactionEvent[]
}

/** Events one transaction keeps: past it, no more actions (its memory stays bounded). */
export const MAX_EVENTS_PER_TRANSACTION = 100

/** A bounded map, oldest entries forgotten first. */
export interface BoundedStore<Value> {
  add: (id: string, value: Value) => void
  get: (id: string) => Value | undefined
  /** Newest first. */
  list: () => Value[]
}

/**
 * A map that keeps at most `limit` entries in memory, forgetting the oldest first: the demo's
 * transactions and receipts, so a long-running demo cannot grow without end.
 *
 * @example
 * ```ts
 * const transactions = createBoundedStore<Transaction>(200)
 * transactions.add(transaction.id, transaction)
 * ```
 */
export function createBoundedStore<Value>(limit: number): BoundedStore<Value> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw createUsageError('createBoundedStore', 'limit', 'must be a whole number of at least 1')
  }
  const entries = new Map<string, Value>()
  return {
    add: (id, value) => {
      entries.delete(id)
      entries.set(id, value)
      for (const oldest of entries.keys()) {
        if (entries.size <= limit) break
        entries.delete(oldest)
      }
    },
    get: (id) => entries.get(id),
    list: () => [...entries.values()].reverse(),
  }
}

/**
 * A new random id for a transaction or a receipt, safe in a URL: 20 hexadecimal characters.
 *
 * @example
 * ```ts
 * newLocalId() // '3f2a…' (20 characters)
 * ```
 */
export function newLocalId(): string {
  return crypto.randomUUID().replaceAll('-', '').slice(0, 20)
}

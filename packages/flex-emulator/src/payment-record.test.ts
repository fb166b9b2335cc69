import { describe, expect, it } from 'vitest'
import {
  addFollowOn,
  createPaymentStore,
  type FollowOnRecord,
  isSettled,
  makeRoomForPayment,
  type PaymentRecord,
  type PaymentStore,
} from './payment-record.js'
import { paymentRecordFixture } from './testing/payment-record-fixture.js'

const NOON = new Date('2026-03-10T12:00:00Z')

function add(store: PaymentStore, id: string, status = 'AUTHORIZED'): PaymentRecord {
  makeRoomForPayment(store, NOON)
  const payment = paymentRecordFixture({
    id,
    authorizationStatus: status,
    transactionId: `t-${id}`,
    createdAt: NOON,
  })
  store.byId.set(id, payment)
  store.byTransactionId.set(`m t-${id}`, { payment })
  return payment
}

const capture = (id: string, submittedAt: Date): FollowOnRecord => ({
  id,
  kind: 'capture',
  minor: 100n,
  refundedMinor: 0n,
  submittedAt,
  voided: false,
})

describe('isSettled', () => {
  it('settles at the first UTC midnight after submission', () => {
    const entry = capture('c', NOON)
    expect(isSettled(entry, new Date('2026-03-10T23:59:59Z'))).toBe(false)
    expect(isSettled(entry, new Date('2026-03-11T00:00:00Z'))).toBe(true)
    expect(isSettled({ ...entry, voided: true }, new Date('2026-03-12T00:00:00Z'))).toBe(false)
  })
})

describe('makeRoomForPayment', () => {
  it('keeps at most maxPayments, forgetting finished payments first, then the oldest', () => {
    const store = createPaymentStore(3)
    add(store, 'open-1')
    add(store, 'declined', 'DECLINED')
    const reversed = add(store, 'reversed')
    reversed.reversed = true
    add(store, 'open-2')
    expect([...store.byId.keys()]).toEqual(['open-1', 'reversed', 'open-2'])
    add(store, 'open-3')
    expect([...store.byId.keys()]).toEqual(['open-1', 'open-2', 'open-3'])
    add(store, 'open-4')
    expect([...store.byId.keys()]).toEqual(['open-2', 'open-3', 'open-4'])
    expect(store.byTransactionId.has('m t-open-1')).toBe(false)
    expect(store.byTransactionId.has('m t-declined')).toBe(false)
  })

  it('forgets a settled payment with its follow-ons before an open one', () => {
    const store = createPaymentStore(2)
    const settled = add(store, 'settled')
    addFollowOn(store, settled, {
      ...capture('cap', new Date('2026-03-09T12:00:00Z')),
      transactionId: 't-cap',
    })
    settled.history.push({ type: 'void', id: 'void', status: 'VOIDED', amount: '1.00', at: NOON })
    store.byUndoId.set('void', settled)
    add(store, 'open')
    add(store, 'newest')
    expect([...store.byId.keys()]).toEqual(['open', 'newest'])
    expect(store.byFollowOnId.has('cap')).toBe(false)
    expect(store.byUndoId.has('void')).toBe(false)
    expect(store.byTransactionId.has('m t-cap')).toBe(false)
  })
})

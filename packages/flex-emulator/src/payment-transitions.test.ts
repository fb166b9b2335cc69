import { describe, expect, it } from 'vitest'
import {
  capturedMinor,
  createPaymentStore,
  type PaymentRecord,
  refundedMinor,
} from './payment-record.js'
import {
  capturePayment,
  MAX_FOLLOW_ONS_PER_PAYMENT,
  refundPayment,
  reversePayment,
  voidTransactions,
} from './payment-transitions.js'
import { paymentRecordFixture } from './testing/payment-record-fixture.js'

const NOW = new Date('2026-03-10T12:00:00Z')

function payment(): PaymentRecord {
  return paymentRecordFixture({
    id: 'p',
    requestedMinor: 1_000_000n,
    authorizedMinor: 1_000_000n,
    createdAt: NOW,
  })
}

describe('payment transitions', () => {
  it(`keeps at most ${MAX_FOLLOW_ONS_PER_PAYMENT} captures and refunds per payment`, () => {
    const store = createPaymentStore(10)
    const record = payment()
    for (let index = 0; index < MAX_FOLLOW_ONS_PER_PAYMENT - 1; index += 1) {
      expect(
        capturePayment(store, record, { id: `c${index}`, minor: 1n, now: NOW }),
      ).toHaveProperty('id')
    }
    expect(refundPayment(store, record, { id: 'r', minor: 1n, now: NOW })).toHaveProperty('id')
    expect(capturePayment(store, record, { id: 'over', minor: 1n, now: NOW })).toMatchObject({
      refused: 'INVALID_DATA',
    })
    expect(refundPayment(store, record, { id: 'over', minor: 1n, now: NOW })).toMatchObject({
      refused: 'INVALID_DATA',
    })
    expect(record.history).toHaveLength(MAX_FOLLOW_ONS_PER_PAYMENT)
  })

  it('gives back the refunded amount of a voided refund to its capture', () => {
    const store = createPaymentStore(10)
    const record = payment()
    const capture = capturePayment(store, record, { id: 'c', minor: 500n, now: NOW })
    const refund = refundPayment(store, record, { id: 'r', minor: 200n, now: NOW })
    if (!('kind' in capture) || !('kind' in refund))
      throw new Error('expected a capture and a refund')
    expect(capture.refundedMinor).toBe(200n)
    expect(voidTransactions(store, record, { id: 'v', now: NOW, target: refund })).toBe(200n)
    expect(capture.refundedMinor).toBe(0n)
    expect(refundedMinor(record)).toBe(0n)
    expect(voidTransactions(store, record, { id: 'v2', now: NOW })).toBe(500n)
    expect(capturedMinor(record)).toBe(0n)
    expect(record).toMatchObject({ voided: true })
  })

  it('gives a voided refund back to the captures it drew on, not to the newest ones', () => {
    const store = createPaymentStore(10)
    const record = payment()
    const first = capturePayment(store, record, { id: 'a', minor: 1000n, now: NOW })
    const second = capturePayment(store, record, { id: 'b', minor: 1000n, now: NOW })
    if (!('kind' in first) || !('kind' in second)) throw new Error('expected two captures')
    const ofFirst = refundPayment(store, record, {
      id: 'r1',
      minor: 1000n,
      now: NOW,
      capture: first,
    })
    if (!('kind' in ofFirst)) throw new Error('expected a refund')
    expect(refundPayment(store, record, { id: 'r2', minor: 500n, now: NOW })).toHaveProperty('id')
    expect(second.refundedMinor).toBe(500n)
    expect(voidTransactions(store, record, { id: 'v', now: NOW, target: ofFirst })).toBe(1000n)
    expect([first.refundedMinor, second.refundedMinor]).toEqual([0n, 500n])
    expect(voidTransactions(store, record, { id: 'v2', now: NOW, target: second })).toMatchObject({
      refused: 'NOT_VOIDABLE',
    })
    expect(
      refundPayment(store, record, { id: 'r3', minor: 1000n, now: NOW, capture: first }),
    ).toHaveProperty('id')
  })

  it(`counts reversals in the ${MAX_FOLLOW_ONS_PER_PAYMENT} follow-ons a payment may have`, () => {
    const store = createPaymentStore(10)
    const record = payment()
    for (let index = 0; index < MAX_FOLLOW_ONS_PER_PAYMENT; index += 1) {
      expect(
        reversePayment(store, record, { id: `v${index}`, minor: 1n, now: NOW }),
      ).toBeUndefined()
    }
    expect(reversePayment(store, record, { id: 'over', minor: 1n, now: NOW })).toMatchObject({
      refused: 'INVALID_DATA',
    })
    expect(capturePayment(store, record, { id: 'c', minor: 1n, now: NOW })).toMatchObject({
      refused: 'INVALID_DATA',
    })
    expect(record.history).toHaveLength(MAX_FOLLOW_ONS_PER_PAYMENT)
  })
})

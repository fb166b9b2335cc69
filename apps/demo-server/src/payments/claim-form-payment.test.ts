import { createMemoryStorage } from 'flex-jwt'
import { describe, expect, it } from 'vitest'
import { createSwitchableStorage } from '../test/demo-harness.js'
import { claimFormPayment } from './claim-form-payment.js'

const RECEIPT = '0123456789abcdef0123'

describe('claimFormPayment', () => {
  it('claims a reference once; the second claim learns the first receipt', async () => {
    const storage = createMemoryStorage()
    const first = await claimFormPayment(storage, 'tf_reference1', RECEIPT)
    expect(first.claimed).toBe(true)
    expect(await claimFormPayment(storage, 'tf_reference1', 'fedcba9876543210fedc')).toEqual({
      claimed: false,
      receiptId: RECEIPT,
    })
    expect((await claimFormPayment(storage, 'tf_reference2', RECEIPT)).claimed).toBe(true)
  })

  it('claims a checkout under its own scope: a terminal form of the same reference is another', async () => {
    const storage = createMemoryStorage()
    const checkout = await claimFormPayment(storage, RECEIPT, RECEIPT, 'checkout-payment')
    expect(checkout.claimed).toBe(true)
    expect(await storage.get(`checkout-payment:${RECEIPT}`)).toBe(RECEIPT)
    expect((await claimFormPayment(storage, RECEIPT, RECEIPT, 'checkout-payment')).claimed).toBe(
      false,
    )
    expect((await claimFormPayment(storage, RECEIPT, RECEIPT)).claimed).toBe(true)
  })

  it('gives the reference back on release', async () => {
    const storage = createMemoryStorage()
    const first = await claimFormPayment(storage, 'tf_reference1', RECEIPT)
    if (first.claimed) await first.release()
    expect((await claimFormPayment(storage, 'tf_reference1', RECEIPT)).claimed).toBe(true)
  })

  it('a failing storage is ERR_FLEX_STORAGE_FAILED, naming the operation only', async () => {
    const { storage, state } = createSwitchableStorage({ now: Date.now() })
    state.failing = true
    const failed = claimFormPayment(storage, 'tf_reference1', RECEIPT)
    await expect(failed).rejects.toMatchObject({
      code: 'ERR_FLEX_STORAGE_FAILED',
      operation: 'setIfAbsent',
      message: 'the shared storage failed (setIfAbsent)',
    })
    state.failing = false
    expect((await claimFormPayment(storage, 'tf_reference1', RECEIPT)).claimed).toBe(true)
  })
})

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

  it('claims a checkout under its own scope, for its ttl: a terminal form of the same reference is another', async () => {
    const clock = { time: Date.UTC(2030, 0, 1) }
    const storage = createMemoryStorage({ currentDate: () => new Date(clock.time) })
    const scope = { scope: 'checkout-payment', ttl: 60_000 } as const
    const checkout = await claimFormPayment(storage, RECEIPT, RECEIPT, scope)
    expect(checkout.claimed).toBe(true)
    expect(await storage.get(`checkout-payment:${RECEIPT}`)).toBe(RECEIPT)
    expect((await claimFormPayment(storage, RECEIPT, RECEIPT, scope)).claimed).toBe(false)
    expect((await claimFormPayment(storage, RECEIPT, RECEIPT)).claimed).toBe(true)
    clock.time += 60_000
    expect(await storage.get(`checkout-payment:${RECEIPT}`)).toBeUndefined()
    expect(await storage.get(`terminal-form:${RECEIPT}`)).toBe(RECEIPT)
    clock.time += 24 * 60 * 60_000 - 60_001
    expect(await storage.get(`terminal-form:${RECEIPT}`)).toBe(RECEIPT)
    clock.time += 1
    expect(await storage.get(`terminal-form:${RECEIPT}`)).toBeUndefined()
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

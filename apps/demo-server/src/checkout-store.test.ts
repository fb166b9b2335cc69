import { createMemoryStorage } from 'flex-jwt'
import type { FlexStorage } from 'flex-types'
import { describe, expect, it } from 'vitest'
import { type Checkout, openCheckout } from './checkout-flow.js'
import {
  checkoutClaimTtl,
  loadCheckout,
  loadCheckoutContext,
  saveCheckout,
} from './checkout-store.js'
import {
  createSwitchableStorage,
  expectNothingSensitive,
  useDemoHarness,
} from './test/demo-harness.js'

const demo = useDemoHarness()
const ORDER = { amount: '12.50', currency: 'USD' }
const ID = '0123456789abcdef0123'

/** Opens a real checkout (a Microform session on the emulator) kept in `storage` at `now`. */
async function openOn(storage: FlexStorage, now = Date.now()): Promise<Checkout> {
  const functions = demo.functionsOn(storage)
  const read = { minor: 1250n, exponent: 2 }
  const save = {
    captureContext: functions.saveCaptureContext,
    checkout: (checkout: Checkout) => saveCheckout(storage, checkout, now),
  }
  const opened = await openCheckout(functions.checkout, save, 'https://demo.test', {
    ...ORDER,
    read,
  })
  if (opened.kind !== 'open') throw new Error(`not opened: ${opened.error.code}`)
  return opened.checkout
}

describe('saveCheckout and loadCheckout', () => {
  it("keep the context's JWT, the order and the opening steps until the context expires, nothing else", async () => {
    const clock = { now: Date.now() }
    const storage = createMemoryStorage({ currentDate: () => new Date(clock.now) })
    const checkout = await openOn(storage, clock.now)
    const raw = (await storage.get(`checkout:${checkout.id}`)) ?? ''
    expect(Object.keys(JSON.parse(raw))).toEqual([
      'v',
      'jwt',
      'expiresAt',
      'amount',
      'currency',
      'steps',
    ])
    // The capture context is no card data (the page gets it too); the rest is scanned.
    expectNothingSensitive(raw.replace(checkout.captureContext.jwt, ''))

    const loaded = await loadCheckout(storage, checkout.id)
    expect(loaded).toEqual({
      id: checkout.id,
      captureContextJwt: checkout.captureContext.jwt,
      expiresAt: checkout.captureContext.expiresAt.getTime(),
      order: { ...ORDER, read: { minor: 1250n, exponent: 2 } },
      steps: checkout.steps.map((step) => ({
        ...step,
        durationMs: Math.round(step.durationMs * 10) / 10,
      })),
    })
    clock.now = checkout.captureContext.expiresAt.getTime() - 1000
    expect(await loadCheckout(storage, checkout.id)).toBeDefined()
    clock.now = checkout.captureContext.expiresAt.getTime() + 1
    expect(await loadCheckout(storage, checkout.id)).toBeUndefined()
  })

  it('read a record that is not a checkout as none, and do not look up an id of another shape', async () => {
    const storage = createMemoryStorage()
    const steps = [{ step: 'session', ok: true, durationMs: 3 }]
    const good = {
      v: 1,
      jwt: 'aGVhZA.Ym9keQ.c2ln',
      expiresAt: Date.UTC(2030, 0, 1),
      ...ORDER,
      steps,
    }
    await storage.set(`checkout:${ID}`, JSON.stringify(good), 60_000)
    expect(await loadCheckout(storage, ID)).toMatchObject({ captureContextJwt: good.jwt, steps })
    const unreadable = [
      'not json',
      '[]',
      JSON.stringify({ ...good, v: 2 }),
      JSON.stringify({ ...good, jwt: 'not a jwt' }),
      JSON.stringify({ ...good, jwt: 7 }),
      JSON.stringify({ ...good, expiresAt: '2030-01-01' }),
      JSON.stringify({ ...good, expiresAt: 1.5 }),
      JSON.stringify({ ...good, amount: '1.234' }),
      JSON.stringify({ ...good, currency: 'XYZ' }),
      JSON.stringify({ ...good, steps: 'session' }),
      JSON.stringify({ ...good, steps: [{ ...steps[0], step: 'toString' }] }),
      JSON.stringify({ ...good, steps: [{ ...steps[0], durationMs: -1 }] }),
    ]
    for (const raw of unreadable) {
      await storage.set(`checkout:${ID}`, raw, 60_000)
      expect(await loadCheckout(storage, ID)).toBeUndefined()
    }
    const { storage: failing, state } = createSwitchableStorage({ now: Date.now() })
    state.failing = true
    for (const id of ['', 'checkout', `${ID}0`, ID.toUpperCase(), '../../capture-context']) {
      expect(await loadCheckout(failing, id)).toBeUndefined()
    }
  })

  it('a failing storage is ERR_FLEX_STORAGE_FAILED, naming the operation only', async () => {
    const { storage, state } = createSwitchableStorage({ now: Date.now() })
    state.failing = true
    await expect(loadCheckout(storage, ID)).rejects.toMatchObject({
      code: 'ERR_FLEX_STORAGE_FAILED',
      operation: 'get',
    })
  })
})

describe('loadCheckoutContext', () => {
  it("gives the checkout's context verified again, and nothing for one that no longer verifies", async () => {
    const storage = createMemoryStorage()
    const verify = demo.functionsOn(storage).checkout.verifyCaptureContext
    const opened = await openOn(storage)
    const stored = await loadCheckout(storage, opened.id)
    if (!stored) throw new Error('not kept')
    const captureContext = await loadCheckoutContext(verify, stored)
    expect(captureContext?.jwt).toBe(opened.captureContext.jwt)
    expect(captureContext?.data).toMatchObject({ kind: 'microform' })

    const [head, body, signature] = stored.captureContextJwt.split('.')
    const forged = `${head}.${body}.${signature?.startsWith('A') ? 'B' : 'A'}${signature?.slice(1)}`
    expect(
      await loadCheckoutContext(verify, { ...stored, captureContextJwt: forged }),
    ).toBeUndefined()
  })
})

describe('checkoutClaimTtl', () => {
  it("is the checkout's time left plus 5 minutes, never past a storage TTL's limit", () => {
    const stored = { expiresAt: 1_000_000 } as Parameters<typeof checkoutClaimTtl>[0]
    expect(checkoutClaimTtl(stored, 400_000)).toBe(600_000 + 300_000)
    expect(checkoutClaimTtl(stored, 2_000_000)).toBe(300_000)
    expect(checkoutClaimTtl({ ...stored, expiresAt: 2 ** 40 }, 0)).toBe(2 ** 31 - 1)
  })
})

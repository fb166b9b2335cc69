import { createMemoryStorage } from 'flex-jwt'
import type { FlexStorage } from 'flex-types'
import { describe, expect, it } from 'vitest'
import { expectNothingSensitive, useDemoHarness } from './test/demo-harness.js'
import { createMicroformToken } from './test/microform-token.js'

const demo = useDemoHarness()

/** The app on `storage` (its checkouts and capture contexts), opened at an https address. */
function useStorage(storage: FlexStorage): void {
  demo.reset({ ...demo.functionsOn(storage), publicUrl: 'https://demo.test' })
}

async function openCheckout() {
  const response = await demo.get('/checkout')
  expect(response.status).toBe(200)
  const html = await response.text()
  const id = /<form[^>]* action="\/checkout\/([0-9a-f]{20})"/.exec(html)?.[1] ?? ''
  const jwt = /data-capture-context="([^"]+)"/.exec(html)?.[1] ?? ''
  const captureContext = await demo.functionsOn(createMemoryStorage()).verifyCaptureContext(jwt)
  return { id, action: `/checkout/${id}`, token: await createMicroformToken(captureContext) }
}

function expectNoCrash(): void {
  expect(demo.logs.some((entry) => entry.msg === 'unhandled error')).toBe(false)
}

describe('the checkout kept in the shared storage', () => {
  it('a stored checkout that cannot be read, or is gone, is refused as not kept', async () => {
    const storage = createMemoryStorage()
    useStorage(storage)
    const { id, action, token } = await openCheckout()
    for (const raw of ['{"v":1,"kid":', '{"v":1}']) {
      await storage.set(`checkout:${id}`, raw, 60_000)
      const refused = await demo.post(action, { transientToken: token })
      expect(refused.status).toBe(404)
      expect(await refused.text()).toContain(
        'This checkout is not kept (any more): open a new one.',
      )
    }
    await storage.delete(`checkout:${id}`)
    expect((await demo.post(action, { transientToken: token })).status).toBe(404)
    expect(demo.authorizations()).toBe(0)
    expectNoCrash()
  })

  it('a refusal whose kept capture context no longer verifies says to open a new checkout', async () => {
    const storage = createMemoryStorage()
    useStorage(storage)
    const { id, action } = await openCheckout()
    const other = await openCheckout()
    const record = JSON.parse((await storage.get(`checkout:${id}`)) ?? '{}')
    const [head, body, signature = ''] = String(record.jwt).split('.')
    const forged = `${head}.${body}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`
    await storage.set(`checkout:${id}`, JSON.stringify({ ...record, jwt: forged }), 60_000)
    const refused = await demo.post(action, { transientToken: other.token })
    expect(refused.status).toBe(422)
    const html = await refused.text()
    expect(html).toContain('Verify transient token failed: ERR_FLEX_TOKEN_INVALID')
    expect(html).toContain('This checkout cannot be shown again: open a new one.')
    expect(html).toContain('href="/checkout"')
    expectNothingSensitive(html)
    expect(demo.authorizations()).toBe(0)
    expectNoCrash()
  })

  it('a storage that fails to claim the checkout: 503, nothing paid, and it pays later', async () => {
    const inner = createMemoryStorage()
    const state = { failing: true }
    const storage: FlexStorage = {
      get: (key) => inner.get(key),
      set: (key, value, ttl) => inner.set(key, value, ttl),
      delete: (key) => inner.delete(key),
      setIfAbsent: (key, value, ttl) =>
        state.failing && key.startsWith('checkout-payment:')
          ? Promise.reject(new Error('storage unreachable'))
          : inner.setIfAbsent(key, value, ttl),
    }
    useStorage(storage)
    const { action, token } = await openCheckout()
    const refused = await demo.post(action, { transientToken: token })
    expect(refused.status).toBe(503)
    expect(await refused.text()).toContain('Nothing was charged (ERR_FLEX_STORAGE_FAILED)')
    expect(demo.authorizations()).toBe(0)
    state.failing = false
    expect((await demo.post(action, { transientToken: token })).status).toBe(303)
    expect(demo.authorizations()).toBe(1)
    expectNoCrash()
  })

  it("claims a checkout's payment a little longer than the checkout is kept, not for a day", async () => {
    const inner = createMemoryStorage()
    const ttls = new Map<string, number>()
    const storage: FlexStorage = {
      get: (key) => inner.get(key),
      delete: (key) => inner.delete(key),
      set: (key, value, ttl) => {
        ttls.set(key.split(':')[0] ?? '', ttl)
        return inner.set(key, value, ttl)
      },
      setIfAbsent: (key, value, ttl) => {
        ttls.set(key.split(':')[0] ?? '', ttl)
        return inner.setIfAbsent(key, value, ttl)
      },
    }
    useStorage(storage)
    const { action, token } = await openCheckout()
    expect((await demo.post(action, { transientToken: token })).status).toBe(303)
    const kept = ttls.get('checkout') ?? 0
    const claimed = ttls.get('checkout-payment') ?? 0
    expect(kept).toBeGreaterThan(0)
    // Five minutes of margin, less what the test took between the two writes (generous bound).
    expect(claimed).toBeGreaterThan(kept + 4 * 60_000)
    expect(claimed).toBeLessThanOrEqual(kept + 5 * 60_000)
  })
})

import type { VerifiedCaptureContext } from 'flex-jwt'
import { describe, expect, it } from 'vitest'
import type { LogEntry } from './create-json-logger.js'
import { expectNothingSensitive } from './test/demo-harness.js'
import { createMicroformToken } from './test/microform-token.js'
import { useRedisAndEmulator } from './test/redis-and-emulator.js'

const fleet = useRedisAndEmulator()
const { emulatorLines, authorizations } = fleet
// Microform takes http only on localhost: the fleet is opened at an https address.
const DEMO = { publicUrl: 'https://demo.test' }
const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g

type Instance = ReturnType<typeof fleet.startInstance>

interface OpenedCheckout {
  action: string
  captureContext: VerifiedCaptureContext
}

/** Opens a checkout on `instance` as the customer's browser does, and reads its page. */
async function openCheckout(instance: Instance, query = ''): Promise<OpenedCheckout> {
  const response = await instance.get(`/checkout${query}`)
  expect(response.status).toBe(200)
  const html = await response.text()
  const action = /<form[^>]* action="(\/checkout\/[0-9a-f]{20})"/.exec(html)?.[1] ?? ''
  const jwt = /data-capture-context="([^"]+)"/.exec(html)?.[1] ?? ''
  return { action, captureContext: await instance.functions.checkout.verifyCaptureContext(jwt) }
}

describe('one customer checkout on two demo instances behind one real Redis', () => {
  it('opened on one, paid from the other; a replay on either is refused', async () => {
    const logs: LogEntry[] = []
    const one = fleet.startInstance(logs, DEMO)
    const two = fleet.startInstance(logs, DEMO)
    const { action, captureContext } = await openCheckout(one, '?amount=12.50')
    const token = await createMicroformToken(captureContext)
    emulatorLines.length = 0

    const paid = await two.post(action, { transientToken: token, firstName: 'Ada' })
    expect(paid.status).toBe(303)
    const location = paid.headers.get('location') ?? ''
    expect(location).toMatch(/^\/receipts\/[0-9a-f]{20}$/)
    const receipt = await (await two.get(location)).text()
    expect(receipt).toContain('Sale approved')
    expect(receipt).toContain('12.50 USD')
    expectNothingSensitive(receipt)

    const fresh = await createMicroformToken(captureContext)
    for (const [instance, transientToken] of [
      [one, token],
      [two, token],
      [one, fresh],
    ] as const) {
      const replay = await instance.post(action, { transientToken })
      expect(replay.status).toBe(409)
      const page = await replay.text()
      expect(page).toContain(
        'This checkout is being paid or was paid: see Transactions, or open a new one.',
      )
      expectNothingSensitive(page)
    }
    expect(authorizations()).toBe(1)
    expect(emulatorLines.filter((line) => line.includes('/pts/'))).toHaveLength(1)
    const outcomes = logs.filter((entry) => entry.msg === 'checkout').map((entry) => entry.outcome)
    expect(outcomes).toEqual(['open', 'paid'])
    expectNothingSensitive(JSON.stringify(logs) + emulatorLines.join('\n'))
  })

  it('a refused token shows the checkout again on the other instance, which still pays', async () => {
    const one = fleet.startInstance([], DEMO)
    const two = fleet.startInstance([], DEMO)
    const first = await openCheckout(one)
    const second = await openCheckout(two)
    emulatorLines.length = 0
    const refused = await two.post(first.action, {
      transientToken: await createMicroformToken(second.captureContext),
    })
    expect(refused.status).toBe(422)
    const html = await refused.text()
    expect(html).toContain('Verify transient token failed: nothing was charged')
    expect(html).toContain(`action="${first.action}"`)
    expect(html.match(JWT)).toEqual([first.captureContext.jwt])
    expect(refused.headers.get('content-security-policy')).toContain("default-src 'none'")
    const paid = await one.post(first.action, {
      transientToken: await createMicroformToken(first.captureContext),
    })
    expect(paid.status).toBe(303)
    expect(authorizations()).toBe(1)
  })

  it('concurrent posts of one checkout to both instances, with two of its tokens: one payment', async () => {
    const one = fleet.startInstance([], DEMO)
    const two = fleet.startInstance([], DEMO)
    const { action, captureContext } = await openCheckout(two, '?amount=5.00')
    const tokens = await Promise.all([
      createMicroformToken(captureContext),
      createMicroformToken(captureContext),
    ])
    emulatorLines.length = 0
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 ? one : two).post(action, {
          transientToken: tokens[Math.floor(index / 2) % 2] as string,
        }),
      ),
    )
    const statuses = responses.map((response) => response.status)
    expect(statuses.filter((status) => status === 303)).toHaveLength(1)
    expect(statuses.filter((status) => status === 409)).toHaveLength(19)
    expect(authorizations()).toBe(1)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FlexEmulator, startFlexEmulator } from './start-flex-emulator.js'
import { amountBody, authorize, send } from './testing/payment-flow.js'

const MAX_PAYMENTS = 50
let emulator: FlexEmulator

beforeAll(async () => {
  emulator = await startFlexEmulator({
    keyPool: { reuseKeys: true, size: 2 },
    maxPayments: MAX_PAYMENTS,
  })
  await emulator.waitForKeyPool()
})
afterAll(() => emulator.close())

describe('bounded load on the payment routes', () => {
  it('200 full flows (session, token, authorize, capture) at concurrency 16: no 5xx, at most maxPayments kept', async () => {
    const statuses: number[] = []
    const ids: string[] = []
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < 200) {
        next += 1
        const authorization = await authorize(emulator, '10.00')
        statuses.push(authorization.status)
        if (authorization.status !== 201) continue
        ids.push(authorization.body.id)
        const capture = await send(
          emulator,
          `/pts/v2/payments/${authorization.body.id}/captures`,
          amountBody('10.00'),
        )
        statuses.push(capture.status)
      }
    }
    await Promise.all(Array.from({ length: 16 }, worker))
    expect(statuses.filter((status) => status !== 201)).toEqual([])
    expect(ids).toHaveLength(200)
    const kept = ids.filter((id) => emulator.inspectPayment(id) !== undefined)
    expect(kept.length).toBeLessThanOrEqual(MAX_PAYMENTS)
    expect(kept.length).toBeGreaterThan(0)
  }, 120_000)
})

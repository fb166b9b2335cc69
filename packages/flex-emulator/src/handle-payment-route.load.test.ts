import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FlexEmulator, startFlexEmulator } from './start-flex-emulator.js'
import { amountBody, authorize, send } from './testing/payment-flow.js'

const MAX_PAYMENTS = 50
// About 10x what 200 flows rightly keep (~2 MB measured: their capture contexts, tokens and the
// 50 payments); heap is measured after forced collections, so machine load does not move it.
const HEAP_GROWTH_LIMIT = 24 * 1024 * 1024
let emulator: FlexEmulator

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

function settledHeap(): number {
  for (let round = 0; round < 3; round += 1) collectGarbage()
  return process.memoryUsage().heapUsed
}

beforeAll(async () => {
  emulator = await startFlexEmulator({
    keyPool: { reuseKeys: true, size: 2 },
    maxPayments: MAX_PAYMENTS,
  })
  await emulator.waitForKeyPool()
})
afterAll(() => emulator.close())

describe('bounded load on the payment routes', () => {
  it('200 full flows (session, token, authorize, capture) at concurrency 16: no 5xx, at most maxPayments kept, heap back near its start', async () => {
    const statuses: number[] = []
    const ids: string[] = []
    let next = 0
    let limit = 16
    const worker = async (): Promise<void> => {
      while (next < limit) {
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
    const heapBefore = settledHeap()
    limit = 216
    await Promise.all(Array.from({ length: 16 }, worker))
    const heapGrowth = settledHeap() - heapBefore
    expect(statuses.filter((status) => status !== 201)).toEqual([])
    expect(ids).toHaveLength(216)
    expect(heapGrowth).toBeLessThan(HEAP_GROWTH_LIMIT)
    const kept = ids.filter((id) => emulator.inspectPayment(id) !== undefined)
    expect(kept.length).toBeLessThanOrEqual(MAX_PAYMENTS)
    expect(kept.length).toBeGreaterThan(0)
  }, 120_000)
})

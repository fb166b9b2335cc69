import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FlexEmulator, startFlexEmulator } from './start-flex-emulator.js'
import { cardData, createSession, encryptFor, tokenize } from './testing/flow.js'

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

let emulator: FlexEmulator

beforeAll(async () => {
  emulator = await startFlexEmulator({ keyPool: { reuseKeys: true, size: 2 } })
  await emulator.waitForKeyPool()
})
afterAll(() => emulator.close())

async function runFlows(count: number, concurrency: number): Promise<number[]> {
  const statuses: number[] = []
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < count) {
      next += 1
      const session = await createSession(emulator)
      statuses.push(session.status)
      if (session.status !== 201) continue
      const context = await session.text()
      const response = await tokenize(
        emulator,
        await encryptFor(context, { data: cardData(), context, index: 0 }),
      )
      statuses.push(response.status)
      await response.arrayBuffer()
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return statuses
}

describe('bounded load on loopback', () => {
  it('100 sessions and 100 tokenizations at concurrency 16: no 5xx, memory back near start', async () => {
    await runFlows(16, 16)
    collectGarbage()
    const before = process.memoryUsage().heapUsed
    const statuses = await runFlows(100, 16)
    expect(statuses).toHaveLength(200)
    expect(statuses.filter((status) => status >= 500)).toEqual([])
    expect(statuses.every((status) => status === 201)).toBe(true)
    collectGarbage()
    const growth = process.memoryUsage().heapUsed - before
    expect(growth).toBeLessThan(16 * 1024 * 1024)
  }, 60_000)

  it('answers garbage at concurrency with 4xx only', async () => {
    const bodies = ['', '{', 'a.b.c.d.e', '\u0000'.repeat(100), 'x'.repeat(60_000)]
    const responses = await Promise.all(
      Array.from({ length: 64 }, (_, index) =>
        fetch(`${emulator.url}/flex/v2/${index % 2 ? 'tokens' : 'sessions'}`, {
          method: 'POST',
          headers: { 'content-type': index % 3 ? 'application/jwt' : 'application/json' },
          body: bodies[index % bodies.length] as string,
        }),
      ),
    )
    for (const response of responses) {
      expect(response.status).toBeGreaterThanOrEqual(400)
      expect(response.status).toBeLessThan(500)
    }
  })
})

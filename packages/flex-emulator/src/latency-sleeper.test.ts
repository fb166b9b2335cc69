import { describe, expect, it } from 'vitest'
import { createLatencySleeper } from './latency-sleeper.js'

describe('createLatencySleeper', () => {
  it('counts pending waits, and wakeAll resolves and forgets every one', async () => {
    const sleeper = createLatencySleeper()
    const waits = Array.from({ length: 3 }, () => sleeper.sleep(600_000).then(() => 'woken'))
    expect(sleeper.pending).toBe(3)
    sleeper.wakeAll()
    expect(sleeper.pending).toBe(0)
    expect(await Promise.all(waits)).toEqual(['woken', 'woken', 'woken'])
  })

  it('forgets a wait once its time has passed', async () => {
    const sleeper = createLatencySleeper()
    await sleeper.sleep(1)
    expect(sleeper.pending).toBe(0)
  })
})

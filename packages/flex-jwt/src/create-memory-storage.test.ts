import { FlexStorageError } from 'flex-types'
import { describe, expect, it } from 'vitest'
import { createMemoryStorage } from './create-memory-storage.js'

function movableClock(start = Date.UTC(2030, 0, 1)) {
  const clock = { time: start, currentDate: () => new Date(clock.time) }
  return clock
}

describe('createMemoryStorage', () => {
  it('gets, sets, replaces and deletes', async () => {
    const storage = createMemoryStorage()
    expect(await storage.get('a')).toBeUndefined()
    await storage.set('a', 'one', 1_000)
    await storage.set('a', 'two', 1_000)
    expect(await storage.get('a')).toBe('two')
    await storage.delete('a')
    await storage.delete('a')
    expect(await storage.get('a')).toBeUndefined()
  })

  it('sets if absent only, and again once the entry has expired by its clock', async () => {
    const clock = movableClock()
    const storage = createMemoryStorage({ currentDate: clock.currentDate })
    expect(await storage.setIfAbsent('k', '1', 1_000)).toBe(true)
    expect(await storage.setIfAbsent('k', '2', 1_000)).toBe(false)
    clock.time += 999
    expect(await storage.get('k')).toBe('1')
    expect(await storage.setIfAbsent('k', '3', 1_000)).toBe(false)
    clock.time += 1
    expect(await storage.get('k')).toBeUndefined()
    expect(await storage.setIfAbsent('k', '4', 1_000)).toBe(true)
  })

  it('when full, sweeps expired entries, then refuses a write rather than forget one', async () => {
    const clock = movableClock()
    const storage = createMemoryStorage({ maxEntries: 2, currentDate: clock.currentDate })
    await storage.set('a', '1', 1_000)
    await storage.setIfAbsent('b', '1', 5_000)
    const full = await storage.setIfAbsent('c', '1', 1_000).catch((error: unknown) => error)
    expect(FlexStorageError.isInstance(full)).toBe(true)
    expect(full).toMatchObject({ reason: 'full', operation: 'setIfAbsent' })
    await storage.set('a', '2', 1_000) // a key already held may be replaced
    clock.time += 1_000
    expect(await storage.setIfAbsent('c', '1', 1_000)).toBe(true)
    expect(await storage.get('b')).toBe('1')
  })

  it('refuses a ttl that is not a positive number of ms, storing nothing (a mark must hold)', async () => {
    const storage = createMemoryStorage()
    for (const ttl of [Number.NaN, 0, -1, Number.POSITIVE_INFINITY, undefined, '60000']) {
      for (const write of [
        () => storage.setIfAbsent('k', '1', ttl as number),
        () => storage.set('k', '1', ttl as number),
      ]) {
        await expect(write()).rejects.toMatchObject({
          code: 'ERR_INVALID_ARG_VALUE',
          message: expect.stringMatching(/^MemoryStorage\.(set|setIfAbsent): ttl must be/),
        })
      }
      expect(await storage.get('k')).toBeUndefined()
    }
  })

  it('refuses bad options with a usage error naming them', () => {
    expect(() => createMemoryStorage({ maxEntries: 0 })).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_ARG_VALUE',
        message: expect.stringContaining('maxEntries'),
      }),
    )
    expect(() => createMemoryStorage({ currentDate: 'now' as never })).toThrow(/currentDate/)
  })
})

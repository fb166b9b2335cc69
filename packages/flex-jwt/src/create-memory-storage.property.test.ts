// createMemoryStorage against a plain model of its contract: when full, an expired entry makes
// room first, then the least recently written `set` entry; a live mark is never forgotten, and a
// write that finds only live marks is refused and changes nothing.
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { createMemoryStorage } from './create-memory-storage.js'
import { ExpiryHeap } from './expiry-heap.js'

type Operation =
  | { kind: 'set'; key: string; ttl: number }
  | { kind: 'setIfAbsent'; key: string; ttl: number }
  | { kind: 'delete'; key: string }
  | { kind: 'get'; key: string }
  | { kind: 'advance'; ms: number }

interface ModelEntry {
  value: string
  expiresAt: number
  mark: boolean
  written: number
}

function createModel(maxEntries: number) {
  const entries = new Map<string, ModelEntry>()
  let writes = 0
  const live = (key: string, at: number) => {
    const entry = entries.get(key)
    if (entry !== undefined && entry.expiresAt <= at) entries.delete(key)
    return entry !== undefined && entry.expiresAt > at ? entry : undefined
  }
  const makeRoom = (at: number): boolean => {
    if (entries.size < maxEntries) return true
    for (const [key, entry] of entries) {
      if (entry.expiresAt <= at) return entries.delete(key)
    }
    const oldest = [...entries].filter(([, entry]) => !entry.mark)
    oldest.sort(([, a], [, b]) => a.written - b.written)
    return oldest[0] ? entries.delete(oldest[0][0]) : false
  }
  return {
    get: (key: string, at: number) => live(key, at)?.value,
    set(key: string, value: string, ttl: number, at: number): boolean {
      if (entries.has(key)) entries.delete(key)
      else if (!makeRoom(at)) return false
      writes += 1
      entries.set(key, { value, expiresAt: at + ttl, mark: false, written: writes })
      return true
    },
    setIfAbsent(key: string, value: string, ttl: number, at: number): boolean | 'full' {
      if (live(key, at)) return false
      if (!makeRoom(at)) return 'full'
      writes += 1
      entries.set(key, { value, expiresAt: at + ttl, mark: true, written: writes })
      return true
    },
    delete: (key: string) => void entries.delete(key),
  }
}

const ttl = fc.integer({ min: 1, max: 50 })

/** Writes, deletes and gets of `keys`, and clock steps of up to `maxStep` ms. */
function operationOn(keys: string[], maxStep: number): fc.Arbitrary<Operation> {
  const key = fc.constantFrom(...keys)
  return fc.oneof(
    fc.record({ kind: fc.constant('set' as const), key, ttl }),
    fc.record({ kind: fc.constant('setIfAbsent' as const), key, ttl }),
    fc.record({ kind: fc.constant('delete' as const), key }),
    fc.record({ kind: fc.constant('get' as const), key }),
    fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: maxStep }) }),
  )
}

async function agreesWithModel(maxEntries: number, operations: Operation[], keys: string[]) {
  let time = 1_000
  const storage = createMemoryStorage({ maxEntries, currentDate: () => new Date(time) })
  const model = createModel(maxEntries)
  for (const [index, step] of operations.entries()) {
    const value = `v${index}`
    if (step.kind === 'advance') time += step.ms
    else if (step.kind === 'get') {
      expect(await storage.get(step.key)).toBe(model.get(step.key, time))
    } else if (step.kind === 'delete') {
      await storage.delete(step.key)
      model.delete(step.key)
    } else if (step.kind === 'set') {
      const expected = model.set(step.key, value, step.ttl, time)
      const written = storage.set(step.key, value, step.ttl).then(() => true)
      expect(await written.catch((error) => error.reason)).toBe(expected || 'full')
    } else {
      const expected = model.setIfAbsent(step.key, value, step.ttl, time)
      const written = storage.setIfAbsent(step.key, value, step.ttl)
      expect(await written.catch((error) => error.reason)).toBe(expected)
    }
  }
  for (const key of keys) expect(await storage.get(key)).toBe(model.get(key, time))
}

describe('createMemoryStorage (property)', () => {
  it('answers every get, write and refusal as the model of its contract does', async () => {
    const keys = Array.from({ length: 24 }, (_, index) => `k${index}`)
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 16 }),
        fc.array(operationOn(keys, 30), { maxLength: 200 }),
        (maxEntries, operations) => agreesWithModel(maxEntries, operations, keys),
      ),
      { numRuns: 300 },
    )
  })

  it('agrees with the model over long runs that rebuild its heap of expiries', async () => {
    const keys = Array.from({ length: 150 }, (_, index) => `k${index}`)
    const rebuilds = vi.spyOn(ExpiryHeap.prototype, 'rebuild')
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 20, max: 200 }),
        fc.array(operationOn(keys, 3), { minLength: 2_000, maxLength: 3_000 }),
        (maxEntries, operations) => agreesWithModel(maxEntries, operations, keys),
      ),
      { numRuns: 20 },
    )
    expect(rebuilds).toHaveBeenCalled()
  })
})

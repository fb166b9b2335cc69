import { type FlexStorage, FlexStorageError } from 'flex-types'
import { describe, expect, it, vi } from 'vitest'
import { createCaptureContextStore } from './create-capture-context-store.js'
import { createMemoryStorage } from './create-memory-storage.js'
import { createPublicKeyResolver } from './create-public-key-resolver.js'
import { ExpiryHeap } from './expiry-heap.js'
import {
  captureContextClaims,
  createTestKeys,
  NOW,
  ONE_TIME_KID,
  signJws,
  signTransientToken,
} from './test/tokens.js'
import { verifyCaptureContext } from './verify-capture-context.js'
import { verifyTransientToken } from './verify-transient-token.js'

function movableClock(start = Date.UTC(2030, 0, 1)) {
  const clock = { time: start, currentDate: () => new Date(clock.time) }
  return clock
}

async function values(storage: FlexStorage, keys: string[]): Promise<(string | null)[]> {
  return Promise.all(keys.map(async (key) => (await storage.get(key)) ?? null))
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

  it('when full, a set of a new key forgets the least recently written set entries', async () => {
    const storage = createMemoryStorage({ maxEntries: 3 })
    for (const key of ['a', 'b', 'c']) await storage.set(key, key, 60_000)
    await storage.set('a', 'a2', 60_000) // written again: now the newest
    await storage.set('d', 'd', 60_000)
    await storage.set('e', 'e', 60_000)
    expect(await values(storage, ['a', 'b', 'c', 'd', 'e'])).toEqual(['a2', null, null, 'd', 'e'])
    for (let index = 0; index < 100; index += 1) await storage.set(`f${index}`, 'f', 60_000)
    expect(await values(storage, ['a', 'f96', 'f97', 'f98', 'f99'])).toEqual([
      null,
      null,
      'f',
      'f',
      'f',
    ])
  })

  it('keeps consumed marks through a flood of set, and still refuses them a second time', async () => {
    const storage = createMemoryStorage({ maxEntries: 4 })
    expect(await storage.setIfAbsent('consumed:1', '1', 60_000)).toBe(true)
    for (let index = 0; index < 50; index += 1) await storage.set(`context:${index}`, 'c', 60_000)
    expect(await storage.setIfAbsent('consumed:2', '1', 60_000)).toBe(true) // forgets a context
    for (let index = 50; index < 100; index += 1) await storage.set(`context:${index}`, 'c', 60_000)
    expect(await storage.setIfAbsent('consumed:1', '2', 60_000)).toBe(false)
    expect(await storage.setIfAbsent('consumed:2', '2', 60_000)).toBe(false)
    expect(await values(storage, ['consumed:1', 'consumed:2', 'context:98', 'context:99'])).toEqual(
      ['1', '1', 'c', 'c'],
    )
    expect(await storage.get('context:97')).toBeUndefined()
  })

  it('refuses with full, changing nothing, only when every entry is a live mark', async () => {
    const storage = createMemoryStorage({ maxEntries: 3 })
    await storage.set('context', 'c', 60_000)
    await storage.setIfAbsent('a', '1', 60_000)
    await storage.setIfAbsent('b', '1', 60_000)
    expect(await storage.setIfAbsent('c', '1', 60_000)).toBe(true) // forgets the context
    for (const [operation, write] of [
      ['setIfAbsent', () => storage.setIfAbsent('d', '1', 60_000)],
      ['set', () => storage.set('e', '1', 60_000)],
    ] as const) {
      const full = await write().catch((error: unknown) => error)
      expect(FlexStorageError.isInstance(full)).toBe(true)
      expect(full).toMatchObject({ reason: 'full', operation, code: 'ERR_FLEX_STORAGE_FAILED' })
    }
    expect(await values(storage, ['context', 'a', 'b', 'c', 'd', 'e'])).toEqual([
      null,
      '1',
      '1',
      '1',
      null,
      null,
    ])
    expect(await storage.setIfAbsent('a', '2', 60_000)).toBe(false)
  })

  it('frees room as entries expire by its clock: expired marks first, then the flood', async () => {
    const clock = movableClock()
    const storage = createMemoryStorage({ maxEntries: 12, currentDate: clock.currentDate })
    const marks = Array.from({ length: 12 }, (_, index) => `m${index}`)
    for (const mark of marks) await storage.setIfAbsent(mark, '1', 1_000)
    await expect(storage.set('s', '1', 1_000)).rejects.toMatchObject({ reason: 'full' })
    clock.time += 999
    await expect(storage.setIfAbsent('m12', '1', 1_000)).rejects.toMatchObject({ reason: 'full' })
    clock.time += 1
    for (let index = 0; index < 20; index += 1) await storage.set(`s${index}`, 's', 60_000)
    expect(await values(storage, marks)).toEqual(marks.map(() => null))
    expect(await values(storage, ['s7', 's8', 's19'])).toEqual([null, 's', 's'])
    expect(await storage.setIfAbsent('m0', '2', 1_000)).toBe(true) // forgets s8
    expect(await values(storage, ['m0', 's8', 's9'])).toEqual(['2', null, 's'])
  })

  it('when full, takes the room of expired marks before forgetting a live set entry', async () => {
    const clock = movableClock()
    const storage = createMemoryStorage({ maxEntries: 100, currentDate: clock.currentDate })
    for (let index = 0; index < 99; index += 1) {
      await storage.setIfAbsent(`consumed:${index}`, '1', 1_000)
    }
    await storage.set('context:gone', '1', 60_000)
    await storage.set('context:first', '1', 60_000) // full, nothing expired: forgets context:gone
    clock.time += 2_000 // every mark has expired; the storage still holds them
    const contexts = Array.from({ length: 20 }, (_, index) => `context:${index}`)
    for (const key of contexts) await storage.set(key, '1', 60_000)
    expect(await values(storage, ['context:gone', 'context:first', ...contexts])).toEqual([
      null,
      ...Array.from({ length: 21 }, () => '1'),
    ])
  })

  it('when full, takes the room of an expired set entry before forgetting a live one', async () => {
    const clock = movableClock()
    const storage = createMemoryStorage({ maxEntries: 2, currentDate: clock.currentDate })
    await storage.set('public-key:old', 'key', 3_600_000) // the oldest write, still live
    await storage.set('capture-context:short', 'context', 1)
    clock.time += 10
    await storage.set('capture-context:new', 'context', 60_000)
    expect(await values(storage, ['public-key:old', 'capture-context:new'])).toEqual([
      'key',
      'context',
    ])
  })

  it('keeps its heap of expiries near the entries held, however often one key is marked and deleted', async () => {
    const sizes: number[] = []
    const rebuild = ExpiryHeap.prototype.rebuild
    vi.spyOn(ExpiryHeap.prototype, 'rebuild').mockImplementation(function (this: ExpiryHeap, keep) {
      rebuild.call(this, keep)
      sizes.push(this.size)
    })
    // A frozen clock: every mark of the key has the same expiry (a claim taken and released).
    const storage = createMemoryStorage({ maxEntries: 100, currentDate: new Date(NOW * 1000) })
    for (let round = 0; round < 2_000; round += 1) {
      expect(await storage.setIfAbsent('claim', '1', 60_000)).toBe(true)
      await storage.delete('claim')
    }
    expect(sizes.length).toBeGreaterThan(10)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1)
  })

  it('lets the last write decide: set over a mark makes it forgettable, delete frees either', async () => {
    const storage = createMemoryStorage({ maxEntries: 2 })
    await storage.setIfAbsent('mark', '1', 60_000)
    await storage.set('kept', '1', 60_000)
    expect(await storage.setIfAbsent('kept', '2', 60_000)).toBe(false) // stays a set entry
    await storage.set('mark', '2', 60_000) // now the newest set entry
    await storage.set('x', '1', 60_000)
    expect(await values(storage, ['kept', 'mark', 'x'])).toEqual([null, '2', '1'])
    await storage.delete('mark')
    await storage.setIfAbsent('m1', '1', 60_000)
    await storage.setIfAbsent('m2', '1', 60_000) // forgets x
    await expect(storage.set('y', '1', 60_000)).rejects.toMatchObject({ reason: 'full' })
    await storage.delete('m1')
    await storage.set('y', '1', 60_000)
    await storage.set('z', '1', 60_000) // forgets y
    expect(await values(storage, ['m1', 'm2', 'x', 'y', 'z'])).toEqual([null, '1', null, null, '1'])
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

  it('under a capture-context store: after a flood of saved contexts, a new one still pays once', async () => {
    const keys = await createTestKeys()
    const resolver = createPublicKeyResolver({ pinnedKeys: [keys.longTerm.publicJwk as never] })
    const currentDate = () => new Date(NOW * 1000)
    const storage = createMemoryStorage({ maxEntries: 4, currentDate })
    const store = createCaptureContextStore({ keys: resolver, storage, currentDate })
    const saveContext = async (kid: string) => {
      const claims = captureContextClaims({ ...keys.oneTimeJwk, kid })
      const jwt = await signJws({ kid: 'zu', alg: 'RS256' }, claims, keys.longTerm.privateKey)
      await store.save(await verifyCaptureContext(jwt, { keys: resolver, currentDate }))
    }
    const flood = async (from: number) => {
      for (let index = from; index < from + 10; index += 1) await saveContext(`flood-${index}`)
    }
    const verifyToken = async (kid: string, jti: string) => {
      const jwt = await signTransientToken(keys, { jti }, { kid, alg: 'RS256' })
      return verifyTransientToken(jwt, { captureContexts: store, currentDate })
    }
    await flood(0)
    await saveContext(ONE_TIME_KID) // the flood made the old storage refuse every save
    const token = await verifyToken(ONE_TIME_KID, 'jti-paid-once')
    await expect(store.consume(token)).resolves.toBeUndefined()
    await flood(10)
    await expect(store.consume(token)).rejects.toMatchObject({ reason: 'token-already-used' })
    await expect(verifyToken('flood-0', 'jti-forgotten')).rejects.toMatchObject({
      reason: 'capture-context-not-found',
    })
    await store.consume(await verifyToken('flood-19', 'jti-newest'))
  })
})

import { describe, expect, it } from 'vitest'
import { createBoundedStore, newLocalId } from './transaction-store.js'

describe('createBoundedStore', () => {
  it('keeps at most its limit, forgetting the oldest first, and lists newest first', () => {
    const store = createBoundedStore<number>(3)
    for (let value = 1; value <= 5; value += 1) store.add(`id-${value}`, value)
    expect(store.list()).toEqual([5, 4, 3])
    expect(store.get('id-1')).toBeUndefined()
    expect(store.get('id-2')).toBeUndefined()
    expect(store.get('id-3')).toBe(3)
  })

  it('moves a value added again to the newest place', () => {
    const store = createBoundedStore<string>(2)
    store.add('a', 'first')
    store.add('b', 'second')
    store.add('a', 'again')
    store.add('c', 'third')
    expect(store.list()).toEqual(['third', 'again'])
  })

  it('refuses a limit that is not a whole number of at least 1, with a stable code', () => {
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      expect(() => createBoundedStore(limit)).toThrow(
        expect.objectContaining({
          code: 'ERR_INVALID_ARG_VALUE',
          message: 'createBoundedStore: limit must be a whole number of at least 1',
        }),
      )
    }
  })
})

describe('newLocalId', () => {
  it('gives 20 hexadecimal characters, different each time', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newLocalId()))
    expect(ids.size).toBe(100)
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{20}$/)
  })
})

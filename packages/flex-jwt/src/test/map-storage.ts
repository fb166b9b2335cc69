import type { FlexStorage } from 'flex-types'
import { vi } from 'vitest'

type Spied<F extends (...args: never[]) => unknown> = ReturnType<typeof vi.fn<F>>

/** A `FlexStorage` with its entries in view and its calls spied on. */
export interface MapStorage {
  entries: Map<string, string>
  get: Spied<FlexStorage['get']>
  set: Spied<FlexStorage['set']>
  setIfAbsent: Spied<FlexStorage['setIfAbsent']>
  delete: Spied<FlexStorage['delete']>
}

/** A `FlexStorage` over a plain Map (no expiry), its calls spied on: for tests only. */
export function createMapStorage(entries: Map<string, string> = new Map()): MapStorage {
  return {
    entries,
    get: vi.fn(async (key: string) => entries.get(key)),
    set: vi.fn(async (key: string, value: string, _ttl: number) => void entries.set(key, value)),
    setIfAbsent: vi.fn(async (key: string, value: string, _ttl: number) => {
      if (entries.has(key)) return false
      entries.set(key, value)
      return true
    }),
    delete: vi.fn(async (key: string) => void entries.delete(key)),
  }
}

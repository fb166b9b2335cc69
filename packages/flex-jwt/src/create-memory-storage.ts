import {
  type CurrentDateOption,
  FLEX_STORAGE_REASONS,
  type FlexStorage,
  FlexStorageError,
} from 'flex-types'
import { readCountOption, readCurrentDate, readStorageTtl } from 'flex-types/internal'

/** Options of `createMemoryStorage`. */
export interface MemoryStorageOptions {
  /** How many unexpired entries it holds (default 10,000, at most 1,000,000); a write past that is
   * refused with `FlexStorageError` `full`, never made by forgetting a consumed token. */
  maxEntries?: number
  /** The clock of expiry (default the system clock); a function is asked each time. */
  currentDate?: CurrentDateOption
}

const CALLER = 'createMemoryStorage'

/**
 * Creates a `FlexStorage` in this process's memory: the default of `createCaptureContextStore`,
 * right for one server (or for tests), not for a fleet, whose servers must share one storage such
 * as flex-redis's. Entries expire by `currentDate`; when `maxEntries` unexpired entries are held,
 * expired ones are swept and a further write is refused (`FlexStorageError`, reason `full`).
 *
 * @throws {TypeError} `ERR_INVALID_ARG_VALUE` for an option it cannot use.
 * @example
 * ```ts
 * import { createMemoryStorage } from 'flex-jwt'
 *
 * const storage = createMemoryStorage({ maxEntries: 1_000 })
 * await storage.setIfAbsent('consumed:abc', '1', 60_000) // true, then false for 60 s
 * ```
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): FlexStorage {
  const maxEntries = readCountOption(CALLER, 'maxEntries', options.maxEntries, {
    fallback: 10_000,
    min: 1,
    max: 1_000_000,
  })
  const now = readCurrentDate(CALLER, options.currentDate)
  const entries = new Map<string, { value: string; expiresAt: number }>()

  const read = (key: string, at: number) => {
    const entry = entries.get(key)
    if (entry === undefined || entry.expiresAt > at) return entry
    entries.delete(key)
    return undefined
  }
  const write = (key: string, value: string, lifetime: number, operation: string) => {
    const at = now()
    if (!entries.has(key) && entries.size >= maxEntries) {
      for (const [stored, entry] of entries) if (entry.expiresAt <= at) entries.delete(stored)
      if (entries.size >= maxEntries) {
        throw new FlexStorageError(FLEX_STORAGE_REASONS.FULL, 'the memory storage is full', {
          operation,
        })
      }
    }
    entries.set(key, { value, expiresAt: at + lifetime })
  }

  return {
    get: async (key) => read(key, now())?.value,
    set: async (key, value, ttl) =>
      write(key, value, readStorageTtl('MemoryStorage.set', ttl), 'set'),
    async setIfAbsent(key, value, ttl) {
      const lifetime = readStorageTtl('MemoryStorage.setIfAbsent', ttl)
      if (read(key, now()) !== undefined) return false
      write(key, value, lifetime, 'setIfAbsent')
      return true
    },
    delete: async (key) => void entries.delete(key),
  }
}

import {
  type CurrentDateOption,
  FLEX_STORAGE_REASONS,
  type FlexStorage,
  FlexStorageError,
} from 'flex-types'
import { readCountOption, readCurrentDate, readStorageTtl } from 'flex-types/internal'
import { ExpiryHeap } from './expiry-heap.js'

/** Options of `createMemoryStorage`. */
export interface MemoryStorageOptions {
  /** How many unexpired entries it holds (default 10,000, at most 1,000,000). When full, a write
   * of a new key makes room by forgetting the oldest `set` entry; an entry written by
   * `setIfAbsent` (a consumed mark) is never forgotten before it expires, and a write finding only
   * those is refused with `FlexStorageError` `full`. */
  maxEntries?: number
  /** The clock of expiry (default the system clock); a function is asked each time. */
  currentDate?: CurrentDateOption
}

interface Entry {
  value: string
  expiresAt: number
}

const CALLER = 'createMemoryStorage'

// The entries of one memory storage: `set` entries in order of their last write (the oldest
// first), marks (`setIfAbsent`) apart, and the expiries of both in one heap; no key is in both.
class Entries {
  readonly forgettable = new Map<string, Entry>()
  readonly marks = new Map<string, Entry>()
  // Kept across writes: a new `keys()` iterator would step over every entry deleted from the
  // front so far, making each eviction O(n) in V8.
  private oldestFirst = this.forgettable.keys()
  private readonly expiries = new ExpiryHeap()

  constructor(private readonly maxEntries: number) {}

  read(key: string, at: number): Entry | undefined {
    const entry = this.forgettable.get(key) ?? this.marks.get(key)
    if (entry === undefined || entry.expiresAt > at) return entry
    this.delete(key)
    return undefined
  }

  has(key: string): boolean {
    return this.forgettable.has(key) || this.marks.has(key)
  }

  delete(key: string): void {
    this.forgettable.delete(key)
    this.marks.delete(key)
  }

  add(key: string, entry: Entry, kind: 'set' | 'mark'): void {
    if (kind === 'set') this.forgettable.set(key, entry)
    else this.marks.set(key, entry)
    this.expiries.push(entry.expiresAt, key, entry)
    // Items of deleted or rewritten entries stay in the heap until popped: keep it near the size
    // (after a rebuild, one item per entry held).
    if (this.expiries.size > 2 * this.size() + 64) {
      this.expiries.rebuild(([, held, item]) => this.holds(held, item))
    }
  }

  // Room for one new key, or a refusal that changed nothing held: the size never exceeds the
  // bound, so one entry less is always enough. An expired entry goes first (it holds nothing any
  // more), then the oldest `set` entry; a live mark never.
  makeRoom(at: number, operation: 'set' | 'setIfAbsent'): void {
    if (this.size() < this.maxEntries) return
    for (let item = this.expiries.popExpired(at); item; item = this.expiries.popExpired(at)) {
      const [, key, entry] = item
      if (!this.holds(key, entry)) continue
      this.delete(key)
      return
    }
    let oldest = this.oldestFirst.next()
    if (oldest.done) {
      this.oldestFirst = this.forgettable.keys()
      oldest = this.oldestFirst.next()
    }
    if (oldest.done) {
      throw new FlexStorageError(FLEX_STORAGE_REASONS.FULL, 'the memory storage is full', {
        operation,
      })
    }
    this.forgettable.delete(oldest.value)
  }

  private holds(key: string, entry: object): boolean {
    return this.forgettable.get(key) === entry || this.marks.get(key) === entry
  }

  private size(): number {
    return this.forgettable.size + this.marks.size
  }
}

/**
 * Creates a `FlexStorage` in this process's memory: the default of `createCaptureContextStore`,
 * right for one server (or for tests), not for a fleet, whose servers must share one storage such
 * as flex-redis's. Entries expire by `currentDate`. It holds at most `maxEntries` entries, of two
 * kinds:
 *
 * - written by `set` (saved capture contexts, cached public keys: lost, they cost one checkout
 *   or one key fetch): when a new key needs room, the least recently written one is forgotten;
 * - written by `setIfAbsent` (consumed marks, claims: lost, a token could be paid twice): never
 *   forgotten before they expire. A write of a new key when every entry held is one of them, and
 *   none has expired, is refused (`FlexStorageError`, reason `full`) and changes nothing.
 *
 * So a flood of `set` writes (a checkout page loaded again and again) pushes out older contexts
 * but can never block a consume or a save; only live marks, which need real tokens, can fill it.
 * No room is reserved for either kind: `set` entries always yield to marks, and once marks fill
 * it every consume is refused anyway. A key's last write decides its kind: `set` over a mark makes
 * it forgettable. When full, an expired entry makes room before any live `set` entry is
 * forgotten (the expiries are kept in a heap): O(log n) per write.
 *
 * @throws {TypeError} `ERR_INVALID_ARG_VALUE` for an option it cannot use.
 * @example
 * ```ts
 * import { createMemoryStorage } from 'flex-jwt'
 *
 * const storage = createMemoryStorage({ maxEntries: 1_000 })
 * await storage.setIfAbsent('consumed:abc', '1', 60_000) // true, then false for 60 s
 * await storage.set('capture-context:kid', '{"v":1}', 60_000) // may be forgotten when full
 * ```
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): FlexStorage {
  const maxEntries = readCountOption(CALLER, 'maxEntries', options.maxEntries, {
    fallback: 10_000,
    min: 1,
    max: 1_000_000,
  })
  const now = readCurrentDate(CALLER, options.currentDate)
  const entries = new Entries(maxEntries)

  return {
    get: async (key) => entries.read(key, now())?.value,
    async set(key, value, ttl) {
      const lifetime = readStorageTtl('MemoryStorage.set', ttl)
      const at = now()
      if (entries.has(key)) entries.delete(key)
      else entries.makeRoom(at, 'set')
      entries.add(key, { value, expiresAt: at + lifetime }, 'set')
    },
    async setIfAbsent(key, value, ttl) {
      const lifetime = readStorageTtl('MemoryStorage.setIfAbsent', ttl)
      const at = now()
      if (entries.read(key, at) !== undefined) return false
      entries.makeRoom(at, 'setIfAbsent')
      entries.add(key, { value, expiresAt: at + lifetime }, 'mark')
      return true
    },
    delete: async (key) => entries.delete(key),
  }
}

/** An imported key and when it must be fetched again (milliseconds since the epoch). */
export interface CachedKey {
  key: CryptoKey
  expiresAt: number
}

/** The resolver's in-memory keys, least recently stored evicted first. */
export interface KeyMemoryCache {
  get(kid: string): CachedKey | undefined
  set(kid: string, entry: CachedKey): void
  delete(kid: string): void
}

/** Creates an in-memory key cache of at most `maxKeys` entries. */
export function createKeyMemoryCache(maxKeys: number): KeyMemoryCache {
  const keys = new Map<string, CachedKey>()
  return {
    get: (kid) => keys.get(kid),
    set(kid, entry) {
      keys.delete(kid)
      if (keys.size >= maxKeys) keys.delete(keys.keys().next().value as string)
      keys.set(kid, entry)
    },
    delete: (kid) => void keys.delete(kid),
  }
}

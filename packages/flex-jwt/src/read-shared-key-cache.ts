import { isJsonObject } from 'flex-types/internal'
import type { CachedKey } from './create-key-memory-cache.js'
import { importVerificationKey, validateVerificationJwk } from './import-verification-key.js'
import { type PublicKeyCache, RESOLVER_ALGORITHMS } from './read-resolver-options.js'

/**
 * Reads a kid from the shared cache: the entry is re-validated and imported, and trusted no
 * longer than `cacheMaxAge` from now. Anything wrong with the cache or the entry gives
 * `undefined`, so the key is fetched instead.
 */
export async function readSharedKeyCache(
  cache: PublicKeyCache,
  kid: string,
  clock: () => number,
  cacheMaxAge: number,
): Promise<CachedKey | undefined> {
  try {
    const entry = await cache.get(kid)
    if (!isJsonObject(entry) || typeof entry.expiresAt !== 'number') return undefined
    const now = clock()
    if (entry.expiresAt <= now) return undefined
    const jwk = validateVerificationJwk(entry.jwk, { kid, algorithms: RESOLVER_ALGORITHMS })
    return {
      key: await importVerificationKey(jwk, kid),
      expiresAt: Math.min(entry.expiresAt, now + cacheMaxAge),
    }
  } catch {
    return undefined
  }
}

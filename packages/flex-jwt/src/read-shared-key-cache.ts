import type { FlexPublicJwk, FlexStorage } from 'flex-types'
import { isJsonObject } from 'flex-types/internal'
import type { CachedKey } from './create-key-memory-cache.js'
import { importVerificationKey, validateVerificationJwk } from './import-verification-key.js'
import { RESOLVER_ALGORITHMS } from './read-resolver-options.js'

const PUBLIC_KEY_PREFIX = 'public-key:'

/**
 * Reads a kid from the shared cache: the entry is re-validated and imported, and trusted no
 * longer than `cacheMaxAge` from now. Anything wrong with the cache or the entry gives
 * `undefined`, so the key is fetched instead.
 */
export async function readSharedKeyCache(
  cache: FlexStorage,
  kid: string,
  clock: () => number,
  cacheMaxAge: number,
): Promise<CachedKey | undefined> {
  try {
    const raw = await cache.get(PUBLIC_KEY_PREFIX + kid)
    if (typeof raw !== 'string') return undefined
    const entry: unknown = JSON.parse(raw)
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

/** Shares a fetched key with the fleet until `expiresAt`; a failing cache is ignored. */
export async function writeSharedKeyCache(
  cache: FlexStorage,
  kid: string,
  jwk: FlexPublicJwk,
  expiresAt: number,
  ttl: number,
): Promise<void> {
  try {
    await cache.set(PUBLIC_KEY_PREFIX + kid, JSON.stringify({ jwk, expiresAt }), Math.ceil(ttl))
  } catch {}
}

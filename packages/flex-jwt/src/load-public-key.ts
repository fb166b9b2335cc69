import type { CachedKey, KeyMemoryCache } from './create-key-memory-cache.js'
import type { KidFailureCache } from './create-kid-failure-cache.js'
import type { KidFetchAllowance } from './create-kid-fetch-allowance.js'
import { FLEX_VERIFICATION_REASONS, FlexVerificationError } from './errors.js'
import { keyFailure } from './fetch-public-key.js'
import { fetchPublicKeyWithRetry } from './fetch-public-key-with-retry.js'
import { importVerificationKey } from './import-verification-key.js'
import type { ResolverSettings } from './read-resolver-options.js'
import { readSharedKeyCache, writeSharedKeyCache } from './read-shared-key-cache.js'

const STALE_RETRY = 60_000

/** What a resolver keeps between calls. */
export interface ResolverState {
  settings: ResolverSettings
  keys: KeyMemoryCache
  failures: KidFailureCache
  allowance: KidFetchAllowance
}

function remember(state: ResolverState, kid: string, entry: CachedKey): void {
  state.keys.set(kid, entry)
  state.failures.forget(kid)
  state.allowance.markServed(kid)
}

async function fetchAndStore(
  state: ResolverState,
  kid: string,
  origin: string,
): Promise<CryptoKey> {
  const { settings } = state
  const jwk = await fetchPublicKeyWithRetry(kid, { ...settings, origin })
  const key = await importVerificationKey(jwk, kid)
  const entry = { key, expiresAt: settings.now() + settings.cacheMaxAge }
  remember(state, kid, entry)
  if (settings.cache !== undefined) {
    await writeSharedKeyCache(settings.cache, kid, jwk, entry.expiresAt, settings.cacheMaxAge)
  }
  return key
}

/**
 * Loads a kid that is not in memory (or whose key is `stale`): from the shared cache, else from
 * the key server when the fetch allowance lets it. A failure is remembered for the kid; while the
 * server is unreachable a stale key keeps being used.
 */
export async function loadPublicKey(
  state: ResolverState,
  kid: string,
  stale: CachedKey | undefined,
): Promise<CryptoKey> {
  const { settings, failures } = state
  const { cache, origin, now } = settings
  const shared = cache && (await readSharedKeyCache(cache, kid, now, settings.cacheMaxAge))
  if (shared !== undefined) {
    remember(state, kid, shared)
    return shared.key
  }
  if (origin === undefined) {
    failures.record(kid, FLEX_VERIFICATION_REASONS.KEY_NOT_FOUND, now())
    throw keyFailure(FLEX_VERIFICATION_REASONS.KEY_NOT_FOUND, 'no pinned key has this kid', kid)
  }
  if (stale === undefined && !state.allowance.mayFetch(kid)) {
    throw keyFailure(
      FLEX_VERIFICATION_REASONS.KEY_FETCH_THROTTLED,
      'too many unknown kids were looked up recently',
      kid,
    )
  }
  try {
    return await fetchAndStore(state, kid, origin)
  } catch (error) {
    if (!FlexVerificationError.isInstance(error)) throw error
    const { reason } = error
    const refused =
      reason === FLEX_VERIFICATION_REASONS.KEY_NOT_FOUND ||
      reason === FLEX_VERIFICATION_REASONS.KEY_INVALID
    if (stale !== undefined && !refused) {
      // The service is unreachable: keep verifying with the key we had, and try again soon.
      stale.expiresAt = now() + Math.min(STALE_RETRY, settings.cacheMaxAge)
      return stale.key
    }
    state.keys.delete(kid)
    failures.record(kid, reason, now())
    throw error
  }
}

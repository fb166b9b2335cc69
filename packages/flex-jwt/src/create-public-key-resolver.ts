import type { FlexPublicJwk } from 'flex-types'
import { createFetchThrottle } from './create-fetch-throttle.js'
import { type CachedKey, createKeyMemoryCache } from './create-key-memory-cache.js'
import { createKidFailureCache } from './create-kid-failure-cache.js'
import { keyFailure } from './fetch-public-key.js'
import { fetchPublicKeyWithRetry } from './fetch-public-key-with-retry.js'
import { FLEX_VERIFICATION_REASONS, FlexVerificationError } from './flex-verification-error.js'
import { importVerificationKey } from './import-verification-key.js'
import { type PublicKeyResolverOptions, readResolverOptions } from './read-resolver-options.js'
import { readSharedKeyCache } from './read-shared-key-cache.js'
import { isValidKid } from './verify-compact-jws.js'

export type {
  PublicKeyCache,
  PublicKeyCacheEntry,
  PublicKeyResolverOptions,
} from './read-resolver-options.js'

/** Gives the RS256 public key for a kid; what `verifyCaptureContext` takes as `keys`. */
export type PublicKeyResolver = (kid: string) => Promise<CryptoKey>

const STALE_RETRY = 60_000

/**
 * Creates the resolver of Cybersource's long-term public keys: kid → RS256 public CryptoKey.
 * It fetches `GET {origin}/flex/v2/public-keys/{kid}` (a bare JWK), validates it (RSA,
 * e = 65537, 2048–8192 bits, no ROCA, no private members, the served kid equals the asked kid)
 * before importing it once, and caches it per kid. Concurrent misses for a kid share one request;
 * unknown kids are remembered and fetches for never-seen kids are throttled; requests have a
 * timeout and an overall deadline and retry only network errors, 408, 429 and 5xx; redirects
 * are refused. `pinnedKeys` are never fetched.
 *
 * @throws {TypeError} when an option has the wrong type or the origin is not allowed.
 * @throws {FlexVerificationError} `key-invalid` when a pinned key is unusable.
 * @example
 * ```ts
 * import { createPublicKeyResolver, verifyCaptureContext } from 'flex-jwt'
 *
 * const keys = createPublicKeyResolver({ environment: 'test' })
 * const captureContext = await verifyCaptureContext(jwt, { keys })
 * ```
 */
export function createPublicKeyResolver(options: PublicKeyResolverOptions): PublicKeyResolver {
  const settings = readResolverOptions(options)
  const { origin, cache, cacheMaxAge } = settings
  const pinned = new Map<string, { jwk: FlexPublicJwk; key?: Promise<CryptoKey> }>()
  for (const [kid, jwk] of settings.pinnedKeys) pinned.set(kid, { jwk })
  const keys = createKeyMemoryCache(settings.maxCachedKeys)
  const failures = createKidFailureCache(settings.unknownKidCacheDuration)
  const throttle = createFetchThrottle(
    settings.unknownKidFetchBurst,
    settings.unknownKidFetchInterval,
    Date.now(),
  )
  const inflight = new Map<string, Promise<CryptoKey>>()

  function remember(kid: string, entry: CachedKey): void {
    keys.set(kid, entry)
    failures.forget(kid)
  }

  async function fetchAndStore(kid: string, from: string): Promise<CryptoKey> {
    const jwk = await fetchPublicKeyWithRetry(kid, { ...settings, origin: from })
    const entry = {
      key: await importVerificationKey(jwk, kid),
      expiresAt: Date.now() + cacheMaxAge,
    }
    remember(kid, entry)
    if (cache !== undefined) {
      try {
        await cache.set(kid, { jwk, expiresAt: entry.expiresAt })
      } catch {}
    }
    return entry.key
  }

  async function load(kid: string, stale: CachedKey | undefined): Promise<CryptoKey> {
    const shared = cache && (await readSharedKeyCache(cache, kid, Date.now, cacheMaxAge))
    if (shared !== undefined) {
      remember(kid, shared)
      return shared.key
    }
    if (origin === undefined) {
      failures.record(kid, FLEX_VERIFICATION_REASONS.KEY_NOT_FOUND, Date.now())
      throw keyFailure(FLEX_VERIFICATION_REASONS.KEY_NOT_FOUND, 'no pinned key has this kid', kid)
    }
    if (stale === undefined && !throttle.take(Date.now())) {
      throw keyFailure(
        FLEX_VERIFICATION_REASONS.KEY_FETCH_THROTTLED,
        'too many unknown kids were looked up recently',
        kid,
      )
    }
    try {
      return await fetchAndStore(kid, origin)
    } catch (error) {
      const reason = (error as FlexVerificationError).reason
      if (
        reason === FLEX_VERIFICATION_REASONS.KEY_NOT_FOUND ||
        reason === FLEX_VERIFICATION_REASONS.KEY_INVALID
      ) {
        keys.delete(kid)
        failures.record(kid, reason, Date.now())
      } else if (stale !== undefined) {
        // The service is unreachable: keep verifying with the key we had, and try again soon.
        stale.expiresAt = Date.now() + Math.min(STALE_RETRY, cacheMaxAge)
        return stale.key
      }
      throw error
    }
  }

  // Not async: the warm path hands back the cached promise itself, without a wrapping one.
  return function resolvePublicKey(kid: string): Promise<CryptoKey> {
    if (!isValidKid(kid)) {
      return Promise.reject(
        new FlexVerificationError(
          FLEX_VERIFICATION_REASONS.KID_INVALID,
          'the kid must be 1 to 64 characters of A-Z a-z 0-9 . _ -',
        ),
      )
    }
    const pin = pinned.get(kid)
    if (pin !== undefined) {
      pin.key ??= importVerificationKey(pin.jwk, kid)
      return pin.key
    }
    const cached = keys.get(kid)
    const now = Date.now()
    if (cached !== undefined && cached.expiresAt > now) return Promise.resolve(cached.key)
    const refused = failures.check(kid, now)
    if (refused !== undefined) return Promise.reject(refused)
    const running = inflight.get(kid)
    if (running !== undefined) return running
    const loading = load(kid, cached).finally(() => inflight.delete(kid))
    inflight.set(kid, loading)
    return loading
  }
}

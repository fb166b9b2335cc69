import type { FlexPublicJwk } from 'flex-types'
import { createKeyMemoryCache } from './create-key-memory-cache.js'
import { createKidFailureCache } from './create-kid-failure-cache.js'
import { createKidFetchAllowance } from './create-kid-fetch-allowance.js'
import { FLEX_VERIFICATION_REASONS, FlexVerificationError } from './errors.js'
import { importVerificationKey } from './import-verification-key.js'
import { loadPublicKey, type ResolverState } from './load-public-key.js'
import { type PublicKeyResolverOptions, readResolverOptions } from './read-resolver-options.js'
import { isValidKid } from './verify-compact-jws.js'

export type { PublicKeyResolverOptions } from './read-resolver-options.js'

/** Gives the RS256 public key for a kid; what `verifyCaptureContext` takes as `keys`. */
export type PublicKeyResolver = (kid: string) => Promise<CryptoKey>

/**
 * Creates the resolver of Cybersource's long-term public keys: kid → RS256 public CryptoKey.
 * It fetches `GET {origin}/flex/v2/public-keys/{kid}` (a bare JWK), validates it (RSA,
 * e = 65537, 2048–8192 bits, no ROCA, no private members, the served kid equals the asked kid)
 * before importing it once, and caches it per kid. Concurrent misses for a kid share one request.
 * A kid answered 404 is refused without a request for `unknownKidCacheDuration`; after any other
 * failure the kid is fetched again after a backoff (5 s, doubling, up to that duration). Fetches
 * for never-served kids that do not have Cybersource's shape (two lower-case letters or digits)
 * take a permit from a small budget; kids of that shape are bounded per kid by that memory of
 * failures instead, so no flood can starve a real key; a kid served once is never throttled. Requests have a
 * timeout and an overall deadline and retry only network errors, 408, 429 and 5xx; redirects are
 * refused. `pinnedKeys` are never fetched. Cache and throttle decisions follow `currentDate`.
 *
 * @throws {TypeError} `ERR_INVALID_ARG_VALUE` when an option has the wrong type or is out of
 * bounds, or the origin is not allowed.
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
  const { now } = settings
  const pinned = new Map<string, { jwk: FlexPublicJwk; key?: Promise<CryptoKey> }>()
  for (const [kid, jwk] of settings.pinnedKeys) pinned.set(kid, { jwk })
  const state: ResolverState = {
    settings,
    keys: createKeyMemoryCache(settings.maxCachedKeys),
    failures: createKidFailureCache(settings.unknownKidCacheDuration),
    allowance: createKidFetchAllowance({
      burst: settings.unknownKidFetchBurst,
      interval: settings.unknownKidFetchInterval,
      now,
    }),
  }
  const inflight = new Map<string, Promise<CryptoKey>>()

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
    const cached = state.keys.get(kid)
    let at: number
    try {
      at = now()
    } catch (error) {
      return Promise.reject(error)
    }
    if (cached !== undefined && cached.expiresAt > at) return Promise.resolve(cached.key)
    const refused = state.failures.check(kid, at)
    if (refused !== undefined) return Promise.reject(refused)
    const running = inflight.get(kid)
    if (running !== undefined) return running
    const loading = loadPublicKey(state, kid, cached).finally(() => inflight.delete(kid))
    inflight.set(kid, loading)
    return loading
  }
}

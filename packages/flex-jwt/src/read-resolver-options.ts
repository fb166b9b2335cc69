import type { FlexEnvironment, FlexPublicJwk } from 'flex-types'
import { readFlexOrigin } from 'flex-types/internal'
import { validateVerificationJwk } from './import-verification-key.js'
import { isValidKid } from './verify-compact-jws.js'

/** A public key as stored in a shared cache: the JWK (re-validated on read) and its expiry. */
export interface PublicKeyCacheEntry {
  jwk: FlexPublicJwk
  /** Milliseconds since the epoch. */
  expiresAt: number
}

/** A small async store, e.g. a KV namespace shared by a fleet of serverless functions. */
export interface PublicKeyCache {
  get(kid: string): Promise<PublicKeyCacheEntry | undefined> | PublicKeyCacheEntry | undefined
  set(kid: string, entry: PublicKeyCacheEntry): Promise<void> | void
}

/** Options of `createPublicKeyResolver`. Durations are in milliseconds. */
export interface PublicKeyResolverOptions {
  /** `'test'` or `'production'`: fetch from that environment's API origin. */
  environment?: FlexEnvironment
  /** An explicit origin such as the emulator's; `http:` only for a loopback host. */
  origin?: string
  /** The fetch to use (default `globalThis.fetch`). */
  fetch?: typeof globalThis.fetch
  /** JWKs known ahead of time (each with its `kid`): never fetched. */
  pinnedKeys?: readonly FlexPublicJwk[]
  /** Where fetched JWKs are shared (default: this process only). Entries are re-validated. */
  cache?: PublicKeyCache
  /** How long a fetched key is trusted before it is fetched again (default 1 hour). */
  cacheMaxAge?: number
  /** How many keys are kept in memory (default 100). */
  maxCachedKeys?: number
  /** How long an unknown or invalid kid is remembered as such (default 5 minutes). */
  unknownKidCacheDuration?: number
  /** How many fetches for never-seen kids may happen at once before throttling (default 3). */
  unknownKidFetchBurst?: number
  /** One more such fetch is allowed per this interval (default 10 seconds). */
  unknownKidFetchInterval?: number
  /** Timeout of one request (default 5 seconds). */
  timeout?: number
  /** Overall deadline of one key fetch, retries included (default 15 seconds). */
  deadline?: number
  /** Retries after a network error, 408, 429 or 5xx (default 2). */
  retries?: number
  /** The longest `Retry-After` honoured (default 5 seconds). */
  maxRetryAfter?: number
}

/** The resolver's options once read and checked. */
export interface ResolverSettings {
  origin: string | undefined
  fetch: typeof globalThis.fetch
  cache: PublicKeyCache | undefined
  pinnedKeys: Map<string, FlexPublicJwk>
  cacheMaxAge: number
  maxCachedKeys: number
  unknownKidCacheDuration: number
  unknownKidFetchBurst: number
  unknownKidFetchInterval: number
  timeout: number
  deadline: number
  retries: number
  maxRetryAfter: number
}

export const RESOLVER_ALGORITHMS: readonly string[] = ['RS256']

function positive(
  options: PublicKeyResolverOptions,
  name: keyof PublicKeyResolverOptions,
  fallback: number,
  zero = false,
): number {
  const value = options[name]
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!zero && value === 0)) {
    throw new TypeError(
      `createPublicKeyResolver: ${name} must be a ${zero ? 'non-negative' : 'positive'} number`,
    )
  }
  return value
}

function readPinnedKeys(value: unknown): Map<string, FlexPublicJwk> {
  const pinned = new Map<string, FlexPublicJwk>()
  if (value === undefined) return pinned
  if (!Array.isArray(value)) {
    throw new TypeError('createPublicKeyResolver: pinnedKeys must be an array of JWKs')
  }
  for (const [index, jwk] of value.entries()) {
    const kid = (jwk as { kid?: unknown } | null)?.kid
    if (!isValidKid(kid)) {
      throw new TypeError(`createPublicKeyResolver: pinnedKeys[${index}] needs a valid kid`)
    }
    if (pinned.has(kid)) {
      throw new TypeError(`createPublicKeyResolver: pinnedKeys[${index}] repeats a kid`)
    }
    pinned.set(kid, validateVerificationJwk(jwk, { kid, algorithms: RESOLVER_ALGORITHMS }))
  }
  return pinned
}

/** Reads and checks every option of `createPublicKeyResolver`, or throws a `TypeError`. */
export function readResolverOptions(options: PublicKeyResolverOptions): ResolverSettings {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('createPublicKeyResolver: options must be an object')
  const origin = readFlexOrigin(options, { prefix: 'createPublicKeyResolver: ' })
  if (origin === undefined && options.pinnedKeys === undefined) {
    throw new TypeError('createPublicKeyResolver: pass environment, origin or pinnedKeys')
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TypeError('createPublicKeyResolver: fetch must be a function')
  }
  const cache = options.cache
  if (cache !== undefined && (typeof cache.get !== 'function' || typeof cache.set !== 'function')) {
    throw new TypeError('createPublicKeyResolver: cache must have get and set functions')
  }
  return {
    origin,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    cache,
    cacheMaxAge: positive(options, 'cacheMaxAge', 3_600_000),
    maxCachedKeys: positive(options, 'maxCachedKeys', 100),
    unknownKidCacheDuration: positive(options, 'unknownKidCacheDuration', 300_000),
    unknownKidFetchBurst: positive(options, 'unknownKidFetchBurst', 3),
    unknownKidFetchInterval: positive(options, 'unknownKidFetchInterval', 10_000),
    timeout: positive(options, 'timeout', 5_000),
    deadline: positive(options, 'deadline', 15_000),
    retries: Math.floor(positive(options, 'retries', 2, true)),
    maxRetryAfter: positive(options, 'maxRetryAfter', 5_000, true),
    pinnedKeys: readPinnedKeys(options.pinnedKeys),
  }
}

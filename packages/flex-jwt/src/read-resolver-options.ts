import type {
  CurrentDateOption,
  FlexEnvironment,
  FlexPublicJwk,
  FlexRetryOption,
  FlexRetryOptions,
  FlexStorage,
} from 'flex-types'
import {
  createUsageError,
  readCountOption,
  readCurrentDate,
  readDurationOption,
  readFlexOrigin,
  readRetryOption,
} from 'flex-types/internal'
import { isFlexStorage } from './call-storage.js'
import { validateVerificationJwk } from './import-verification-key.js'
import { isValidKid } from './verify-compact-jws.js'

/** Options of `createPublicKeyResolver`. Durations are in milliseconds, at most 2^31 - 1. */
export interface PublicKeyResolverOptions {
  /** `'test'` or `'production'`: fetch from that environment's API origin. */
  environment?: FlexEnvironment
  /** An explicit origin such as the emulator's; `http:` only for a loopback host. */
  origin?: string
  /** The fetch to use (default `globalThis.fetch`). */
  fetch?: typeof globalThis.fetch
  /** JWKs known ahead of time (each with its `kid`): never fetched. */
  pinnedKeys?: readonly FlexPublicJwk[]
  /** The storage a fleet shares fetched JWKs in (`FlexStorage`, e.g. flex-redis's), under
   * `public-key:<kid>` for `cacheMaxAge` (default: this process only). Entries are re-validated;
   * a failing storage is skipped (the key is fetched instead). */
  cache?: FlexStorage
  /** How long a fetched key is trusted before it is fetched again (default 1 hour). */
  cacheMaxAge?: number
  /** How many keys are kept in memory (default 100, at most 100,000). */
  maxCachedKeys?: number
  /** How long a kid answered 404 is refused without a request (default 5 minutes); also the
   * longest backoff after other failures. */
  unknownKidCacheDuration?: number
  /** Fetches for never-served kids not of Cybersource's shape (two lower-case letters or digits)
   * allowed back to back (default 3, at most 1,000). */
  unknownKidFetchBurst?: number
  /** One more such fetch is allowed per this interval (default 10 seconds). */
  unknownKidFetchInterval?: number
  /** Timeout of one request (default 5 seconds). */
  timeout?: number
  /** Overall deadline of one key fetch, retries included (default 15 seconds). */
  deadline?: number
  /** Retries after a network error, timeout, 408, 429 or 5xx: the limit (default 2, at most
   * 10), or `{ limit, backoffLimit, maxRetryAfter }` (defaults 2, 5 s, 5 s). */
  retry?: FlexRetryOption
  /** The clock of cache expiry, failure backoff and the fetch allowance (default the system
   * clock); a function is asked each time. */
  currentDate?: CurrentDateOption
}

/** The resolver's options once read and checked. */
export interface ResolverSettings {
  origin: string | undefined
  fetch: typeof globalThis.fetch
  cache: FlexStorage | undefined
  pinnedKeys: Map<string, FlexPublicJwk>
  cacheMaxAge: number
  maxCachedKeys: number
  unknownKidCacheDuration: number
  unknownKidFetchBurst: number
  unknownKidFetchInterval: number
  timeout: number
  deadline: number
  retry: Required<FlexRetryOptions>
  now: () => number
}

export const RESOLVER_ALGORITHMS: readonly string[] = ['RS256']

const CALLER = 'createPublicKeyResolver'
const RETRY_DEFAULTS = { limit: 2, backoffLimit: 5_000, maxRetryAfter: 5_000 }

function readPinnedKeys(value: unknown): Map<string, FlexPublicJwk> {
  const pinned = new Map<string, FlexPublicJwk>()
  if (value === undefined) return pinned
  if (!Array.isArray(value))
    throw createUsageError(CALLER, 'pinnedKeys', 'must be an array of JWKs')
  for (const [index, jwk] of value.entries()) {
    const kid = (jwk as { kid?: unknown } | null)?.kid
    if (!isValidKid(kid))
      throw createUsageError(CALLER, `pinnedKeys[${index}]`, 'needs a valid kid')
    if (pinned.has(kid)) throw createUsageError(CALLER, `pinnedKeys[${index}]`, 'repeats a kid')
    pinned.set(kid, validateVerificationJwk(jwk, { kid, algorithms: RESOLVER_ALGORITHMS }))
  }
  return pinned
}

function readSources(options: PublicKeyResolverOptions) {
  const origin = readFlexOrigin(options, { prefix: `${CALLER}: ` })
  if (origin === undefined && options.pinnedKeys === undefined) {
    throw createUsageError(
      CALLER,
      'options',
      'lack a key source: pass environment, origin or pinnedKeys',
    )
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw createUsageError(CALLER, 'fetch', 'must be a function')
  }
  const cache = options.cache
  if (cache !== undefined && !isFlexStorage(cache)) {
    throw createUsageError(CALLER, 'cache', 'must have get, set, setIfAbsent and delete functions')
  }
  for (const removed of ['retries', 'maxRetryAfter']) {
    if (Object.hasOwn(options, removed)) {
      throw createUsageError(CALLER, removed, 'was replaced by retry: { limit, maxRetryAfter }')
    }
  }
  return { origin, cache, fetch: options.fetch }
}

/** Reads and checks every option of `createPublicKeyResolver`, or throws a usage error. */
export function readResolverOptions(options: PublicKeyResolverOptions): ResolverSettings {
  if (typeof options !== 'object' || options === null) {
    throw createUsageError(CALLER, 'options', 'must be an object')
  }
  const { origin, cache, fetch } = readSources(options)
  const duration = (name: keyof PublicKeyResolverOptions, fallback: number) =>
    readDurationOption(CALLER, name, options[name], { fallback })
  return {
    origin,
    fetch: fetch ?? ((input, init) => globalThis.fetch(input, init)),
    cache,
    cacheMaxAge: duration('cacheMaxAge', 3_600_000),
    maxCachedKeys: readCountOption(CALLER, 'maxCachedKeys', options.maxCachedKeys, {
      fallback: 100,
      min: 1,
      max: 100_000,
    }),
    unknownKidCacheDuration: duration('unknownKidCacheDuration', 300_000),
    unknownKidFetchBurst: readCountOption(
      CALLER,
      'unknownKidFetchBurst',
      options.unknownKidFetchBurst,
      { fallback: 3, min: 1, max: 1_000 },
    ),
    unknownKidFetchInterval: duration('unknownKidFetchInterval', 10_000),
    timeout: duration('timeout', 5_000),
    deadline: duration('deadline', 15_000),
    retry: readRetryOption(CALLER, options.retry, RETRY_DEFAULTS),
    now: readCurrentDate(CALLER, options.currentDate),
    pinnedKeys: readPinnedKeys(options.pinnedKeys),
  }
}

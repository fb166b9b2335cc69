import type { FlexEnvironment, FlexPublicJwk } from 'flex-types'
import { isJsonObject, readFlexOrigin, readResponseBytes } from 'flex-types/internal'
import {
  FLEX_VERIFICATION_REASONS,
  FlexVerificationError,
  type FlexVerificationReason,
} from './flex-verification-error.js'
import { importVerificationKey, validateVerificationJwk } from './import-verification-key.js'
import { isValidKid } from './verify-compact-jws.js'

/** Gives the RS256 public key for a kid; what `verifyCaptureContext` takes as `keys`. */
export type PublicKeyResolver = (kid: string) => Promise<CryptoKey>

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

interface CachedKey {
  key: CryptoKey
  expiresAt: number
}

const PUBLIC_KEYS_PATH = '/flex/v2/public-keys/'
const MAX_BODY_BYTES = 32_768
const MAX_UNKNOWN_KIDS = 1_000
const STALE_RETRY = 60_000
const BASE_BACKOFF = 250
const ALGORITHMS = ['RS256']

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

function resolveOrigin(options: PublicKeyResolverOptions): string | undefined {
  const origin = readFlexOrigin(options, { prefix: 'createPublicKeyResolver: ' })
  if (origin === undefined && options.pinnedKeys === undefined) {
    throw new TypeError('createPublicKeyResolver: pass environment, origin or pinnedKeys')
  }
  return origin
}

function failure(
  reason: FlexVerificationReason,
  message: string,
  kid: string,
  extra: { status?: number; cause?: unknown } = {},
): FlexVerificationError {
  return new FlexVerificationError(reason, message, { kid, ...extra })
}

function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

async function readBody(response: Response): Promise<string | undefined> {
  const body = await readResponseBytes(response, { maxBytes: MAX_BODY_BYTES })
  if (!body.ok) return undefined
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body.bytes)
  } catch {
    return undefined
  }
}

const sleep = (milliseconds: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, milliseconds))

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
  if (typeof options !== 'object' || options === null)
    throw new TypeError('createPublicKeyResolver: options must be an object')
  const origin = resolveOrigin(options)
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TypeError('createPublicKeyResolver: fetch must be a function')
  }
  const cache = options.cache
  if (cache !== undefined && (typeof cache.get !== 'function' || typeof cache.set !== 'function')) {
    throw new TypeError('createPublicKeyResolver: cache must have get and set functions')
  }
  const fetchFunction: typeof globalThis.fetch =
    options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const cacheMaxAge = positive(options, 'cacheMaxAge', 3_600_000)
  const maxCachedKeys = positive(options, 'maxCachedKeys', 100)
  const unknownKidCacheDuration = positive(options, 'unknownKidCacheDuration', 300_000)
  const burst = positive(options, 'unknownKidFetchBurst', 3)
  const interval = positive(options, 'unknownKidFetchInterval', 10_000)
  const timeout = positive(options, 'timeout', 5_000)
  const deadline = positive(options, 'deadline', 15_000)
  const retries = Math.floor(positive(options, 'retries', 2, true))
  const maxRetryAfter = positive(options, 'maxRetryAfter', 5_000, true)

  const pinned = new Map<string, { jwk: FlexPublicJwk; key?: Promise<CryptoKey> }>()
  if (options.pinnedKeys !== undefined) {
    if (!Array.isArray(options.pinnedKeys)) {
      throw new TypeError('createPublicKeyResolver: pinnedKeys must be an array of JWKs')
    }
    for (const [index, value] of options.pinnedKeys.entries()) {
      const kid = (value as { kid?: unknown } | null)?.kid
      if (!isValidKid(kid)) {
        throw new TypeError(`createPublicKeyResolver: pinnedKeys[${index}] needs a valid kid`)
      }
      if (pinned.has(kid)) {
        throw new TypeError(`createPublicKeyResolver: pinnedKeys[${index}] repeats a kid`)
      }
      pinned.set(kid, { jwk: validateVerificationJwk(value, { kid, algorithms: ALGORITHMS }) })
    }
  }

  const keys = new Map<string, CachedKey>()
  const unknown = new Map<string, { until: number; reason: FlexVerificationReason }>()
  const inflight = new Map<string, Promise<CryptoKey>>()
  let permits = burst
  let refilledAt = Date.now()

  function takeFetchPermit(now: number): boolean {
    const earned = Math.floor((now - refilledAt) / interval)
    if (earned > 0) {
      permits = Math.min(burst, permits + earned)
      refilledAt = permits === burst ? now : refilledAt + earned * interval
    }
    if (permits < 1) return false
    permits -= 1
    return true
  }

  function remember(kid: string, entry: CachedKey): void {
    keys.delete(kid)
    if (keys.size >= maxCachedKeys) keys.delete(keys.keys().next().value as string)
    keys.set(kid, entry)
    unknown.delete(kid)
  }

  function rememberUnknown(kid: string, reason: FlexVerificationReason): void {
    unknown.delete(kid)
    if (unknown.size >= MAX_UNKNOWN_KIDS) unknown.delete(unknown.keys().next().value as string)
    unknown.set(kid, { until: Date.now() + unknownKidCacheDuration, reason })
  }

  async function readSharedCache(kid: string): Promise<CachedKey | undefined> {
    if (cache === undefined) return undefined
    try {
      const entry = await cache.get(kid)
      if (!isJsonObject(entry) || typeof entry.expiresAt !== 'number') return undefined
      const now = Date.now()
      if (entry.expiresAt <= now) return undefined
      const jwk = validateVerificationJwk(entry.jwk, { kid, algorithms: ALGORITHMS })
      return {
        key: await importVerificationKey(jwk, kid),
        expiresAt: Math.min(entry.expiresAt, now + cacheMaxAge),
      }
    } catch {
      // A failing or poisoned shared cache must not block verification: fetch instead.
      return undefined
    }
  }

  async function fetchJwk(kid: string, url: string): Promise<FlexPublicJwk> {
    const deadlineAt = Date.now() + deadline
    for (let attempt = 0; ; attempt += 1) {
      const remaining = deadlineAt - Date.now()
      if (remaining <= 0) {
        throw failure(
          FLEX_VERIFICATION_REASONS.KEY_FETCH_FAILED,
          'the key fetch missed its deadline',
          kid,
        )
      }
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(), Math.min(timeout, remaining))
      let lastFailure: FlexVerificationError
      let retryAfter: number | undefined
      try {
        const response = await fetchFunction(url, {
          method: 'GET',
          headers: { accept: 'application/json' },
          redirect: 'manual',
          signal: controller.signal,
        })
        const { status } = response
        if (status === 200) {
          const text = await readBody(response)
          let json: unknown
          try {
            json = text === undefined ? undefined : JSON.parse(text)
          } catch {}
          if (json === undefined) {
            throw failure(
              FLEX_VERIFICATION_REASONS.KEY_FETCH_FAILED,
              'the key response is not a JSON JWK',
              kid,
              { status },
            )
          }
          return validateVerificationJwk(json, { kid, algorithms: ALGORITHMS })
        }
        await response.body?.cancel().catch(() => {})
        if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
          throw failure(
            FLEX_VERIFICATION_REASONS.KEY_FETCH_FAILED,
            'the key fetch was redirected; redirects are refused',
            kid,
            { status },
          )
        }
        if (status === 404 || status === 410) {
          throw failure(
            FLEX_VERIFICATION_REASONS.KEY_NOT_FOUND,
            'no public key has this kid',
            kid,
            { status },
          )
        }
        lastFailure = failure(
          FLEX_VERIFICATION_REASONS.KEY_FETCH_FAILED,
          `the key fetch answered ${status}`,
          kid,
          { status },
        )
        if (status !== 408 && status !== 429 && status < 500) throw lastFailure
        if (status === 429 || status === 503) {
          retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now())
        }
      } catch (error) {
        if (FlexVerificationError.isInstance(error)) throw error
        lastFailure = controller.signal.aborted
          ? failure(FLEX_VERIFICATION_REASONS.KEY_FETCH_FAILED, 'the key fetch timed out', kid)
          : failure(
              FLEX_VERIFICATION_REASONS.KEY_FETCH_FAILED,
              'the key fetch failed on the network',
              kid,
              { cause: error },
            )
      } finally {
        clearTimeout(timer)
      }
      if (attempt >= retries) throw lastFailure
      const backoff = BASE_BACKOFF * 2 ** attempt
      const delay =
        retryAfter === undefined
          ? backoff / 2 + Math.random() * (backoff / 2)
          : Math.min(retryAfter, maxRetryAfter)
      if (Date.now() + delay >= deadlineAt) throw lastFailure
      await sleep(delay)
    }
  }

  async function load(kid: string, stale: CachedKey | undefined): Promise<CryptoKey> {
    const shared = await readSharedCache(kid)
    if (shared !== undefined) {
      remember(kid, shared)
      return shared.key
    }
    if (origin === undefined) {
      rememberUnknown(kid, FLEX_VERIFICATION_REASONS.KEY_NOT_FOUND)
      throw failure(FLEX_VERIFICATION_REASONS.KEY_NOT_FOUND, 'no pinned key has this kid', kid)
    }
    if (stale === undefined && !takeFetchPermit(Date.now())) {
      throw failure(
        FLEX_VERIFICATION_REASONS.KEY_FETCH_THROTTLED,
        'too many unknown kids were looked up recently',
        kid,
      )
    }
    try {
      const jwk = await fetchJwk(kid, `${origin}${PUBLIC_KEYS_PATH}${encodeURIComponent(kid)}`)
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
    } catch (error) {
      const reason = (error as FlexVerificationError).reason
      if (
        reason === FLEX_VERIFICATION_REASONS.KEY_NOT_FOUND ||
        reason === FLEX_VERIFICATION_REASONS.KEY_INVALID
      ) {
        keys.delete(kid)
        rememberUnknown(kid, reason)
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
    const known = unknown.get(kid)
    if (known !== undefined && known.until > now) {
      return Promise.reject(
        failure(
          known.reason,
          known.reason === FLEX_VERIFICATION_REASONS.KEY_INVALID
            ? 'the key for this kid was refused recently'
            : 'no public key has this kid',
          kid,
        ),
      )
    }
    const running = inflight.get(kid)
    if (running !== undefined) return running
    const loading = load(kid, cached).finally(() => inflight.delete(kid))
    inflight.set(kid, loading)
    return loading
  }
}

import {
  type CaptureContext,
  type CurrentDateOption,
  FLEX_CAPTURE_CONTEXT_REASONS,
  FlexCaptureContextError,
  type FlexStorage,
  type TransientToken,
} from 'flex-types'
import {
  createUsageError,
  encodeBase64Url,
  readCountOption,
  readCurrentDate,
} from 'flex-types/internal'
import { isFlexStorage, storageSet, storageSetIfAbsent } from './call-storage.js'
import { MAX_CLOCK_TOLERANCE, readTimeOptions } from './check-token-claims.js'
import { createMemoryStorage } from './create-memory-storage.js'
import type { PublicKeyResolver } from './create-public-key-resolver.js'
import { FLEX_VERIFICATION_REASONS, FlexVerificationError } from './errors.js'
import {
  CAPTURE_CONTEXT_PREFIX,
  registerCaptureContextStore,
  type StoreInternals,
} from './find-stored-capture-context.js'
import { isVerifiedCaptureContext } from './verified-capture-contexts.js'
import { isValidKid } from './verify-compact-jws.js'

/** Options of `createCaptureContextStore`. */
export interface CaptureContextStoreOptions {
  /** Cybersource's public keys (`createPublicKeyResolver`): a context read back from the storage
   * is verified again with them, never trusted as stored. */
  keys: PublicKeyResolver
  /** Where contexts and consumed tokens are kept: one storage shared by the whole fleet, such as
   * flex-redis's `createRedisStorage` (default `createMemoryStorage()`, this process only). */
  storage?: FlexStorage
  /** The clock of expiry decisions (default the system clock); a function is asked each time. */
  currentDate?: CurrentDateOption
  /** Seconds of clock skew allowed on the context's and the token's `exp`: 0 to 300 (default 60). */
  clockTolerance?: number
  /** How many verified contexts this instance keeps in memory (default 1,000, at most 100,000). */
  maxCachedContexts?: number
}

/** Options of `CaptureContextStore.save`. */
export interface SaveCaptureContextOptions {
  /** Your checkout's reference (a cart or order id, 1–256 characters), returned with the token. */
  reference?: string
}

/** Capture contexts shared by a fleet, keyed by their one-time key's kid, and consumed tokens. */
export interface CaptureContextStore {
  /** Saves a verified capture context until it expires, with an optional checkout reference. */
  save(captureContext: CaptureContext, options?: SaveCaptureContextOptions): Promise<void>
  /** Marks a verified transient token as used, once across the fleet; a second call is refused
   * with `token-already-used` (`ERR_FLEX_TOKEN_ALREADY_USED`). */
  consume(token: TransientToken): Promise<void>
}

const CALLER = 'createCaptureContextStore'
const CONSUMED_PREFIX = 'consumed:'
const REFERENCE = /^.{1,256}$/su

function readStoreOptions(options: CaptureContextStoreOptions): StoreInternals {
  if (typeof options !== 'object' || options === null || typeof options.keys !== 'function') {
    throw createUsageError(CALLER, 'keys', 'must be a key resolver function')
  }
  if (options.storage !== undefined && !isFlexStorage(options.storage)) {
    throw createUsageError(CALLER, 'storage', 'must have get, set, setIfAbsent and delete')
  }
  const { tolerance } = readTimeOptions(CALLER, options)
  const { currentDate } = options
  return {
    storage: options.storage ?? createMemoryStorage({ ...(currentDate && { currentDate }) }),
    keys: options.keys,
    now: readCurrentDate(CALLER, currentDate),
    clockTolerance: tolerance,
    verified: new Map(),
    maxVerified: readCountOption(CALLER, 'maxCachedContexts', options.maxCachedContexts, {
      fallback: 1_000,
      min: 1,
      max: 100_000,
    }),
  }
}

// The jti can pay (tokenInformation.transientToken): the storage only sees its SHA-256.
async function consumedKey(jti: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(jti))
  return CONSUMED_PREFIX + encodeBase64Url(new Uint8Array(digest))
}

function remaining(store: StoreInternals, expiresAt: Date): number {
  return Math.ceil(expiresAt.getTime() + store.clockTolerance * 1000 - store.now())
}

async function save(
  store: StoreInternals,
  captureContext: CaptureContext,
  options: SaveCaptureContextOptions = {},
): Promise<void> {
  if (!isVerifiedCaptureContext(captureContext)) {
    throw createUsageError(
      'CaptureContextStore.save',
      'captureContext',
      'must be the object verifyCaptureContext returned',
    )
  }
  const reference = (options as SaveCaptureContextOptions | null)?.reference
  if (reference !== undefined && (typeof reference !== 'string' || !REFERENCE.test(reference))) {
    throw createUsageError('CaptureContextStore.save', 'reference', 'must be 1 to 256 characters')
  }
  const kid = captureContext.encryptionKey.kid
  if (!isValidKid(kid)) {
    throw new FlexVerificationError(
      FLEX_VERIFICATION_REASONS.KID_INVALID,
      'the one-time key kid cannot be named by a transient token',
      { claim: 'flx.jwk' },
    )
  }
  const ttl = remaining(store, captureContext.expiresAt)
  if (ttl <= 0) {
    throw new FlexCaptureContextError(
      FLEX_CAPTURE_CONTEXT_REASONS.EXPIRED,
      'the capture context has expired; create a new session',
      { claim: 'exp' },
    )
  }
  const entry = JSON.stringify({ v: 1, jwt: captureContext.jwt, reference })
  await storageSet(store.storage, CAPTURE_CONTEXT_PREFIX + kid, entry, ttl)
}

async function consume(store: StoreInternals, token: TransientToken): Promise<void> {
  const { jti, expiresAt } = (token ?? {}) as Partial<TransientToken>
  if (typeof jti !== 'string' || jti === '' || !(expiresAt instanceof Date)) {
    throw createUsageError(
      'CaptureContextStore.consume',
      'token',
      'must be the TransientToken verifyTransientToken returned',
    )
  }
  const ttl = remaining(store, expiresAt)
  if (!(ttl > 0)) {
    throw new FlexVerificationError(
      FLEX_VERIFICATION_REASONS.EXPIRED,
      'the transient token has expired; capture the card again',
      { claim: 'exp' },
    )
  }
  // The mark outlives the token by the largest tolerance a verifier may grant, so that a server
  // of the fleet allowing more, or whose clock is behind, still finds it.
  const markTtl = ttl + MAX_CLOCK_TOLERANCE * 1000
  if (!(await storageSetIfAbsent(store.storage, await consumedKey(jti), '1', markTtl))) {
    throw new FlexVerificationError(
      FLEX_VERIFICATION_REASONS.TOKEN_ALREADY_USED,
      'the transient token was already used',
      { claim: 'jti' },
    )
  }
}

/**
 * Creates the capture-context store of a server fleet. `save` keeps a verified capture context
 * (its JWT only: no card data is ever in it) under its one-time key's `kid`, which every transient
 * token made with it names in its header, until the context expires. `verifyTransientToken(jwt,
 * { captureContexts: store })` then finds the context on any server sharing the storage, with no
 * guessing, verifies the context again and the token with it, and returns your checkout
 * `reference`. `consume` marks a token used with one atomic set-if-absent, so that it is paid at
 * most once across the fleet. Every storage failure is a `FlexStorageError`: nothing is accepted.
 *
 * @throws {TypeError} `ERR_INVALID_ARG_VALUE` for an option it cannot use.
 * @example
 * ```ts
 * import {
 *   createCaptureContextStore,
 *   createPublicKeyResolver,
 *   verifyCaptureContext,
 *   verifyTransientToken,
 * } from 'flex-jwt'
 *
 * const keys = createPublicKeyResolver({ environment: 'test' })
 * const store = createCaptureContextStore({ keys })
 * await store.save(await verifyCaptureContext(jwt, { keys }), { reference: 'cart-42' })
 * const token = await verifyTransientToken(transientTokenJwt, { captureContexts: store })
 * await store.consume(token) // throws token-already-used the second time
 * ```
 */
export function createCaptureContextStore(
  options: CaptureContextStoreOptions,
): CaptureContextStore {
  const internals = readStoreOptions(options)
  const store: CaptureContextStore = {
    save: (captureContext, saveOptions) => save(internals, captureContext, saveOptions),
    consume: (token) => consume(internals, token),
  }
  registerCaptureContextStore(store, internals)
  return Object.freeze(store)
}

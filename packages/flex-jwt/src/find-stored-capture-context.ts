import {
  type CaptureContext,
  FLEX_CAPTURE_CONTEXT_REASONS,
  FLEX_STORAGE_REASONS,
  FlexCaptureContextError,
  type FlexStorage,
  FlexStorageError,
} from 'flex-types'
import { isJsonObject } from 'flex-types/internal'
import { storageGet } from './call-storage.js'
import type { PublicKeyResolver } from './create-public-key-resolver.js'
import { FLEX_VERIFICATION_REASONS, FlexVerificationError } from './errors.js'
import { verifyCaptureContext } from './verify-capture-context.js'

/** A capture context found in a store, with the checkout reference it was saved with. */
export interface StoredCaptureContext {
  captureContext: CaptureContext
  reference?: string
}

/** What a capture-context store keeps to look its contexts up. */
export interface StoreInternals {
  storage: FlexStorage
  keys: PublicKeyResolver
  now: () => number
  clockTolerance: number
  /** Contexts this instance verified, by one-time kid, with the JWT they were verified from. */
  verified: Map<string, CaptureContext>
  maxVerified: number
}

const stores = new WeakMap<object, StoreInternals>()

export const CAPTURE_CONTEXT_PREFIX = 'capture-context:'

/** Records the internals of a store `createCaptureContextStore` made. */
export function registerCaptureContextStore(store: object, internals: StoreInternals): void {
  stores.set(store, internals)
}

/** Tells whether `value` is a store `createCaptureContextStore` made (this copy of flex-jwt). */
export function isCaptureContextStore(value: unknown): boolean {
  return typeof value === 'object' && value !== null && stores.has(value)
}

function unusableEntry(cause?: unknown): FlexStorageError {
  return new FlexStorageError(
    FLEX_STORAGE_REASONS.BAD_RESPONSE,
    'the stored capture context is unusable',
    { operation: 'get' },
    cause === undefined ? {} : { cause },
  )
}

// Failing to reach Cybersource's key, or a clock behind the saving server's, is no fault of the
// storage; anything else wrong with a stored context (a bad signature, an unknown signing kid,
// bad claims) is what it holds.
const NOT_THE_ENTRY: readonly string[] = [
  FLEX_VERIFICATION_REASONS.KEY_FETCH_FAILED,
  FLEX_VERIFICATION_REASONS.KEY_FETCH_THROTTLED,
  FLEX_VERIFICATION_REASONS.NOT_YET_VALID,
]

async function verifyStoredJwt(store: StoreInternals, jwt: string): Promise<CaptureContext> {
  try {
    return await verifyCaptureContext(jwt, {
      keys: store.keys,
      currentDate: () => new Date(store.now()),
      clockTolerance: store.clockTolerance,
    })
  } catch (error) {
    if (FlexVerificationError.isInstance(error) && !NOT_THE_ENTRY.includes(error.reason)) {
      throw unusableEntry(error)
    }
    throw error
  }
}

function readEntry(raw: string): { jwt: string; reference?: string } {
  let entry: unknown
  try {
    entry = JSON.parse(raw)
  } catch {
    throw unusableEntry()
  }
  if (!isJsonObject(entry) || entry.v !== 1 || typeof entry.jwt !== 'string') throw unusableEntry()
  if (entry.reference !== undefined && typeof entry.reference !== 'string') throw unusableEntry()
  return entry.reference === undefined
    ? { jwt: entry.jwt }
    : { jwt: entry.jwt, reference: entry.reference }
}

// Storage is not trusted with the context itself: its JWT is verified again (signature by
// Cybersource's key, claims, expiry), once per instance, and must be the context of this kid.
async function verifyEntry(store: StoreInternals, kid: string, jwt: string) {
  const known = store.verified.get(kid)
  if (known !== undefined && known.jwt === jwt) {
    if (known.expiresAt.getTime() <= store.now() - store.clockTolerance * 1000) {
      throw new FlexCaptureContextError(
        FLEX_CAPTURE_CONTEXT_REASONS.EXPIRED,
        'the capture context has expired; create a new session',
        { claim: 'exp' },
      )
    }
    return known
  }
  const captureContext = await verifyStoredJwt(store, jwt)
  if (captureContext.encryptionKey.kid !== kid) throw unusableEntry()
  store.verified.delete(kid)
  if (store.verified.size >= store.maxVerified) {
    store.verified.delete(store.verified.keys().next().value as string)
  }
  store.verified.set(kid, captureContext)
  return captureContext
}

/**
 * Looks up the capture context saved for a one-time kid and verifies it again. Refuses with
 * `capture-context-not-found` when none is saved, `FlexCaptureContextError` when it has expired,
 * `key-fetch-failed`/`key-fetch-throttled` when its signing key cannot be had now,
 * `not-yet-valid` when this server's clock is behind the context's `iat`, and a
 * `FlexStorageError` when the storage fails or holds anything else that does not verify.
 */
export async function findStoredCaptureContext(
  store: object,
  kid: string,
): Promise<StoredCaptureContext> {
  const internals = stores.get(store) as StoreInternals
  const raw = await storageGet(internals.storage, CAPTURE_CONTEXT_PREFIX + kid)
  if (raw === undefined) {
    throw new FlexVerificationError(
      FLEX_VERIFICATION_REASONS.CAPTURE_CONTEXT_NOT_FOUND,
      'no saved capture context has the key of this transient token (never saved, or expired)',
      { claim: 'kid', kid },
    )
  }
  const { jwt, reference } = readEntry(raw)
  const captureContext = await verifyEntry(internals, kid, jwt)
  return reference === undefined ? { captureContext } : { captureContext, reference }
}

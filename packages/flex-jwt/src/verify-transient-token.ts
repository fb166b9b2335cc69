import type { CaptureContext, TransientToken, TransientTokenClaims } from 'flex-types'
import { createUsageError, isJsonObject, rememberForCaptureContext } from 'flex-types/internal'
import {
  CAPTURE_CONTEXT_ISSUER,
  checkTimeClaims,
  claimInvalid,
  isNonEmptyString,
  readTimeOptions,
  type TimeOptions,
  TRANSIENT_TOKEN_ISSUER,
  wrongKind,
} from './check-token-claims.js'
import type { CaptureContextStore } from './create-capture-context-store.js'
import { FLEX_VERIFICATION_REASONS, FlexVerificationError } from './errors.js'
import {
  findStoredCaptureContext,
  isCaptureContextStore,
  type StoredCaptureContext,
} from './find-stored-capture-context.js'
import { importVerificationKey } from './import-verification-key.js'
import { readMaskedCard, refuseUnmaskedCardData } from './read-masked-card.js'
import { isVerifiedCaptureContext } from './verified-capture-contexts.js'
import { verifyCompactJws } from './verify-compact-jws.js'

/** Options of `verifyTransientToken`. */
export interface VerifyTransientTokenOptions extends TimeOptions {
  /**
   * The capture context the token was created with, exactly as `verifyCaptureContext` returned it
   * (by this copy of flex-jwt): a copy, a spread or a JSON round trip is refused.
   */
  captureContext: CaptureContext
}

/** Options of `verifyTransientToken` when the capture context is looked up in a store. */
export interface VerifyStoredTransientTokenOptions extends TimeOptions {
  /** The store the capture context was saved in (`createCaptureContextStore`). */
  captureContexts: CaptureContextStore
}

/** A transient token verified with a stored capture context: the context and its reference. */
export interface StoredTransientToken extends TransientToken, StoredCaptureContext {}

const CALLER = 'verifyTransientToken'

// verifyCaptureContext validated the key already (only its contexts get here): import it once.
function keyOf(captureContext: CaptureContext): Promise<CryptoKey> {
  return rememberForCaptureContext(captureContext, 'flex-jwt:RS256-verify-key', () =>
    importVerificationKey(captureContext.encryptionKey, captureContext.encryptionKey.kid),
  )
}

function refuseCaptureContext(payload: unknown): void {
  if (!isJsonObject(payload)) {
    throw new FlexVerificationError(
      FLEX_VERIFICATION_REASONS.MALFORMED,
      'the token payload is not a JSON object',
    )
  }
  if ('flx' in payload || 'ctx' in payload || payload.iss === CAPTURE_CONTEXT_ISSUER) {
    throw wrongKind('this is a capture context, not a transient token')
  }
}

function readContextSource(options: unknown): CaptureContext | CaptureContextStore {
  const given = options as Partial<VerifyTransientTokenOptions & VerifyStoredTransientTokenOptions>
  if (given?.captureContexts !== undefined) {
    if (isCaptureContextStore(given.captureContexts)) return given.captureContexts
    throw createUsageError(
      CALLER,
      'options.captureContexts',
      'must be the store createCaptureContextStore returned',
    )
  }
  if (isVerifiedCaptureContext(given?.captureContext)) return given.captureContext
  throw createUsageError(
    CALLER,
    'options.captureContext',
    'must be the object verifyCaptureContext returned (not a copy, nor one rebuilt from JSON)',
  )
}

/**
 * Verifies a transient token (the JWT `POST /flex/v2/tokens` returns) with the one-time key of
 * the capture context it was created with (`captureContext.encryptionKey`, imported once per
 * context, never fetched), and returns it parsed. Only a capture context returned by
 * `verifyCaptureContext` is accepted: any other object, however alike, is a usage error. Claims: `iss` `Flex/NN`, `jti`, `type`, `iat`,
 * `exp`; the masked card data of Microform and Unified Checkout tokens is read into `card`.
 *
 * @throws {FlexVerificationError} with a `reason` and a stable `code`.
 * @throws {TypeError} `ERR_INVALID_ARG_VALUE` for a capture context or an option it cannot use.
 * @example
 * ```ts
 * import { verifyTransientToken } from 'flex-jwt'
 *
 * const token = await verifyTransientToken(transientTokenJwt, { captureContext })
 * await pay({ tokenInformation: { transientTokenJwt: token.jwt } })
 * ```
 */
export function verifyTransientToken(
  jwt: string,
  options: VerifyTransientTokenOptions,
): Promise<TransientToken>
/**
 * With `captureContexts`, the capture context is the one saved in that store under the kid the
 * token's header names (looked up directly, verified again), and the result carries it with its
 * checkout `reference`.
 *
 * @throws {FlexVerificationError} `capture-context-not-found` when none is saved for the kid.
 * @throws {FlexStorageError} `ERR_FLEX_STORAGE_FAILED` when the storage fails: nothing is accepted.
 * @example
 * ```ts
 * const token = await verifyTransientToken(transientTokenJwt, { captureContexts: store })
 * await store.consume(token)
 * await pay(token.reference, { tokenInformation: { transientTokenJwt: token.jwt } })
 * ```
 */
export function verifyTransientToken(
  jwt: string,
  options: VerifyStoredTransientTokenOptions,
): Promise<StoredTransientToken>
export async function verifyTransientToken(
  jwt: string,
  options: VerifyTransientTokenOptions | VerifyStoredTransientTokenOptions,
): Promise<TransientToken | StoredTransientToken> {
  const source = readContextSource(options)
  const time = readTimeOptions(CALLER, options)
  let stored: StoredCaptureContext | undefined
  const { payload } = await verifyCompactJws(jwt, {
    inspectPayload: refuseCaptureContext,
    resolveKey: async (kid) => {
      if (isCaptureContextStore(source)) {
        stored = await findStoredCaptureContext(source, kid)
        return keyOf(stored.captureContext)
      }
      const captureContext = source as CaptureContext
      if (kid !== captureContext.encryptionKey.kid) {
        throw new FlexVerificationError(
          FLEX_VERIFICATION_REASONS.CAPTURE_CONTEXT_MISMATCH,
          "the transient token was not issued for this capture context (its kid is not the capture context's key)",
          { claim: 'kid' },
        )
      }
      return keyOf(captureContext)
    },
  })
  const claims = payload as Record<string, unknown>
  if (typeof claims.iss !== 'string' || !TRANSIENT_TOKEN_ISSUER.test(claims.iss)) {
    throw claimInvalid('iss', 'the iss claim of a transient token must be Flex/ and two digits')
  }
  const { iat, exp } = checkTimeClaims('transient token', claims, time)
  if (!isNonEmptyString(claims.jti)) throw claimInvalid('jti', 'the jti claim must be a string')
  if (!isNonEmptyString(claims.type, 128)) {
    throw claimInvalid('type', 'the type claim must be a string')
  }
  for (const member of ['data', 'content', 'metadata']) {
    if (claims[member] !== undefined && !isJsonObject(claims[member])) {
      throw claimInvalid(member, `the ${member} claim must be an object`)
    }
  }
  refuseUnmaskedCardData(claims)
  const token: TransientToken = {
    jwt,
    jti: claims.jti,
    type: claims.type,
    claims: claims as TransientTokenClaims,
    issuedAt: new Date(iat * 1000),
    expiresAt: new Date(exp * 1000),
  }
  const card = readMaskedCard(claims)
  if (card !== undefined) token.card = card
  return stored === undefined ? token : { ...token, ...stored }
}

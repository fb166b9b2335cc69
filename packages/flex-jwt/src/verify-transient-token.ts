import type { CaptureContext, TransientToken, TransientTokenClaims } from 'flex-types'
import { isJsonObject } from 'flex-types/internal'
import {
  CAPTURE_CONTEXT_ISSUER,
  checkTimeClaims,
  claimInvalid,
  isNonEmptyString,
  ONE_TIME_KEY_ALGORITHMS,
  readTimeOptions,
  type TimeOptions,
  TRANSIENT_TOKEN_ISSUER,
  wrongKind,
} from './check-token-claims.js'
import { FLEX_VERIFICATION_REASONS, FlexVerificationError } from './flex-verification-error.js'
import { importVerificationKey, validateVerificationJwk } from './import-verification-key.js'
import { readMaskedCard } from './read-masked-card.js'
import { verifyCompactJws } from './verify-compact-jws.js'

/** Options of `verifyTransientToken`. */
export interface VerifyTransientTokenOptions extends TimeOptions {
  /** The verified capture context the token was created with. */
  captureContext: CaptureContext
}

const CALLER = 'verifyTransientToken'
const importedKeys = new WeakMap<CaptureContext, Promise<CryptoKey>>()

function keyOf(captureContext: CaptureContext): Promise<CryptoKey> {
  let key = importedKeys.get(captureContext)
  if (key === undefined) {
    const kid = captureContext.encryptionKey.kid
    key = (async () => {
      const jwk = validateVerificationJwk(captureContext.encryptionKey, {
        kid,
        algorithms: ONE_TIME_KEY_ALGORITHMS,
      })
      return importVerificationKey(jwk, kid)
    })()
    // A refused key stays refused for this context object; no retry can change it.
    importedKeys.set(captureContext, key)
  }
  return key
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

/**
 * Verifies a transient token (the JWT `POST /flex/v2/tokens` returns) with the one-time key of
 * the capture context it was created with (`captureContext.encryptionKey`, imported once per
 * context, never fetched), and returns it parsed. Claims: `iss` `Flex/NN`, `jti`, `type`, `iat`,
 * `exp`; the masked card data of Microform and Unified Checkout tokens is read into `card`.
 *
 * @throws {FlexVerificationError} with a `reason` and a stable `code`.
 * @example
 * ```ts
 * import { verifyTransientToken } from 'flex-jwt'
 *
 * const token = await verifyTransientToken(transientTokenJwt, { captureContext })
 * await pay({ tokenInformation: { transientTokenJwt: token.jwt } })
 * ```
 */
export async function verifyTransientToken(
  jwt: string,
  options: VerifyTransientTokenOptions,
): Promise<TransientToken> {
  const captureContext = (options as Partial<VerifyTransientTokenOptions> | null)?.captureContext
  if (!isJsonObject(captureContext) || !isJsonObject(captureContext.encryptionKey)) {
    throw new TypeError(`${CALLER}: options.captureContext must be a verified capture context`)
  }
  const time = readTimeOptions(CALLER, options)
  const { payload } = await verifyCompactJws(jwt, {
    inspectPayload: refuseCaptureContext,
    resolveKey: async (kid) => {
      if (kid !== captureContext.encryptionKey.kid) {
        throw new FlexVerificationError(
          FLEX_VERIFICATION_REASONS.KEY_NOT_FOUND,
          'the token was not issued for this capture context (kid differs)',
        )
      }
      return keyOf(captureContext)
    },
  })
  const claims = payload as Record<string, unknown>
  if (typeof claims.iss !== 'string' || !TRANSIENT_TOKEN_ISSUER.test(claims.iss)) {
    throw claimInvalid('iss', 'the iss claim of a transient token must be Flex/ and two digits')
  }
  const { iat, exp } = checkTimeClaims(claims, time)
  if (!isNonEmptyString(claims.jti)) throw claimInvalid('jti', 'the jti claim must be a string')
  if (!isNonEmptyString(claims.type, 128)) {
    throw claimInvalid('type', 'the type claim must be a string')
  }
  for (const member of ['data', 'content', 'metadata']) {
    if (claims[member] !== undefined && !isJsonObject(claims[member])) {
      throw claimInvalid(member, `the ${member} claim must be an object`)
    }
  }
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
  return token
}

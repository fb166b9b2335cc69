import type { CaptureContextClaims } from 'flex-types'
import { createUsageError, isJsonObject } from 'flex-types/internal'
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
import type { PublicKeyResolver } from './create-public-key-resolver.js'
import { FLEX_VERIFICATION_REASONS, FlexVerificationError } from './errors.js'
import { readCtx, readFlx } from './read-capture-context-claims.js'
import { readContextData, type VerifiedCaptureContext } from './read-context-data.js'
import { rememberVerified } from './verified-capture-contexts.js'
import { verifyCompactJws } from './verify-compact-jws.js'

/** Options of `verifyCaptureContext`. */
export interface VerifyCaptureContextOptions extends TimeOptions {
  /** The key resolver, usually from `createPublicKeyResolver`. */
  keys: PublicKeyResolver
}

const CALLER = 'verifyCaptureContext'

function refuseTransientToken(payload: unknown): void {
  if (!isJsonObject(payload)) {
    throw new FlexVerificationError(
      FLEX_VERIFICATION_REASONS.MALFORMED,
      'the token payload is not a JSON object',
    )
  }
  if (typeof payload.iss === 'string' && TRANSIENT_TOKEN_ISSUER.test(payload.iss)) {
    throw wrongKind('this is a transient token, not a capture context')
  }
}

/**
 * Verifies a capture context (the JWT `POST /flex/v2/sessions`, `/microform/v2/sessions` or
 * `/uc/v1/sessions` returns) and returns it parsed. Cheap refusals come first (size, shape, alg
 * exactly RS256, no `jwk`/`jku`/`x5u`/`x5c`/`crit`, kid syntax), then the signature with the key
 * `keys` resolves, then the claims: `iss` `Flex API`, `exp` and `iat` (clock tolerance 60 s by
 * default), `flx` with a valid one-time key and `ctx`. `data` is the typed `ctx[0].data`, by
 * `data.kind`: `flex-api` (`api-*`: the field lists), `microform` (`mf-*`: `clientLibrary`,
 * `clientLibraryIntegrity`, `targetOrigins`, `allowedCardNetworks`, `allowedPaymentTypes`),
 * `unified-checkout` (`gda-*`, `uc-*`: the same, with `country` and `locale`) or `other`. A
 * script that is not https (http only on a loopback host) or a malformed SRI value is refused.
 * The result is deeply frozen, and only a capture context this function returned is accepted by
 * `verifyTransientToken`. Send the browser the JWT with `clientLibrary` and
 * `clientLibraryIntegrity` from here: the page never needs to decode the token.
 *
 * @throws {FlexVerificationError} with a `reason` and a stable `code` (`claim-invalid` with
 * `claim: 'ctx.data.clientLibrary'` for a script the page must not load).
 * @throws {FlexCaptureContextError} `ERR_FLEX_CAPTURE_CONTEXT_EXPIRED` when it has expired (the
 * same class and code as flex-jwe's and flex-client's).
 * @throws {TypeError} `ERR_INVALID_ARG_VALUE` for an option it cannot use.
 * @example
 * ```ts
 * import { createPublicKeyResolver, verifyCaptureContext } from 'flex-jwt'
 *
 * const keys = createPublicKeyResolver({ environment: 'production' })
 * const captureContext = await verifyCaptureContext(jwt, { keys })
 * if (captureContext.data.kind === 'microform') {
 *   const { clientLibrary, clientLibraryIntegrity } = captureContext.data
 *   // render <script src={clientLibrary} integrity={clientLibraryIntegrity} crossorigin="anonymous">
 * }
 * ```
 */
export async function verifyCaptureContext(
  jwt: string,
  options: VerifyCaptureContextOptions,
): Promise<VerifiedCaptureContext> {
  if (typeof options !== 'object' || options === null || typeof options.keys !== 'function') {
    throw createUsageError(CALLER, 'options.keys', 'must be a key resolver function')
  }
  const time = readTimeOptions(CALLER, options)
  const { kid, payload } = await verifyCompactJws(jwt, {
    resolveKey: options.keys,
    inspectPayload: refuseTransientToken,
  })
  return checkCaptureContextClaims(jwt, kid, payload as Record<string, unknown>, time)
}

/**
 * Checks the claims of a capture context whose signature was verified and returns it, deeply
 * frozen and recorded as verified (what `verifyTransientToken` accepts).
 */
export function checkCaptureContextClaims(
  jwt: string,
  kid: string,
  claims: Record<string, unknown>,
  time: { now: number; tolerance: number },
): VerifiedCaptureContext {
  if (claims.iss !== CAPTURE_CONTEXT_ISSUER) {
    throw claimInvalid('iss', 'the iss claim of a capture context must be Flex API')
  }
  const { iat, exp } = checkTimeClaims('capture context', claims, time)
  const { jwk, tokensUrl } = readFlx(claims)
  const { type, data, requiredFields, optionalFields } = readCtx(claims)
  const contextData = readContextData(type, data)
  if (claims.jti !== undefined && !isNonEmptyString(claims.jti)) {
    throw claimInvalid('jti', 'the jti claim must be a string')
  }
  return rememberVerified({
    jwt,
    kid,
    type,
    claims: claims as CaptureContextClaims,
    encryptionKey: jwk,
    tokensUrl,
    requiredFields,
    optionalFields,
    issuedAt: new Date(iat * 1000),
    expiresAt: new Date(exp * 1000),
    data: contextData,
  })
}

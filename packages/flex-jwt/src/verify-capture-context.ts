import {
  type CaptureContext,
  type CaptureContextClaims,
  type FlexFieldPath,
  type FlexPublicJwk,
  isFlexFieldPath,
} from 'flex-types'
import {
  isHttpsOrLoopback,
  isJsonObject,
  type ValidateRsaPublicJwkResult,
  validateRsaPublicJwk,
} from 'flex-types/internal'
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
import type { PublicKeyResolver } from './create-public-key-resolver.js'
import { FLEX_VERIFICATION_REASONS, FlexVerificationError } from './flex-verification-error.js'
import { verifyCompactJws } from './verify-compact-jws.js'

/** Options of `verifyCaptureContext`. */
export interface VerifyCaptureContextOptions extends TimeOptions {
  /** The key resolver, usually from `createPublicKeyResolver`. */
  keys: PublicKeyResolver
}

const CALLER = 'verifyCaptureContext'

/**
 * The ROCA test makes validation cost about half an RS256 verification, and a capture context is
 * often verified more than once (when created, again when the page posts it back): remember the
 * outcome per modulus, for a JWK whose members are all strings and all equal to the ones seen.
 * Keyed by `n` itself: a key built by joining the members cost a copy of the modulus per call.
 */
const validatedKeys = new Map<
  string,
  { members: [string, string][]; result: ValidateRsaPublicJwkResult }
>()
const MAX_VALIDATED_KEYS = 256

/** The JWK's members when every one of them is a string, else `undefined` (not remembered). */
function stringMembers(jwk: Record<string, unknown>): [string, string][] | undefined {
  const members: [string, string][] = []
  for (const member in jwk) {
    const value = jwk[member]
    if (typeof value !== 'string') return undefined
    members.push([member, value])
  }
  return members
}

function isSameJwk(members: [string, string][], jwk: Record<string, unknown>): boolean {
  let count = 0
  for (const _member in jwk) count += 1
  if (count !== members.length) return false
  for (const [member, value] of members) if (jwk[member] !== value) return false
  return true
}

function validateOneTimeKey(jwk: unknown): ValidateRsaPublicJwkResult {
  const n = isJsonObject(jwk) && typeof jwk.n === 'string' ? jwk.n : undefined
  const seen = n === undefined ? undefined : validatedKeys.get(n)
  let result: ValidateRsaPublicJwkResult
  if (seen !== undefined && isSameJwk(seen.members, jwk as Record<string, unknown>)) {
    result = seen.result
  } else {
    result = validateRsaPublicJwk(jwk, { algorithms: ONE_TIME_KEY_ALGORITHMS })
    const members = n === undefined ? undefined : stringMembers(jwk as Record<string, unknown>)
    if (n !== undefined && members !== undefined) {
      validatedKeys.delete(n)
      if (validatedKeys.size >= MAX_VALIDATED_KEYS) {
        validatedKeys.delete(validatedKeys.keys().next().value as string)
      }
      validatedKeys.set(n, { members, result })
    }
  }
  return result.ok ? { ok: true, jwk: { ...result.jwk } } : result
}

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

// Capture contexts name the same few origins over and over: parse each one once.
const allowedOrigins = new Set<string>()
const MAX_ALLOWED_ORIGINS = 64

/** An origin exactly as `URL.origin` writes it, https (or http on a loopback host). */
function isAllowedOrigin(value: unknown): value is string {
  if (typeof value !== 'string') return false
  if (allowedOrigins.has(value)) return true
  let url: URL | undefined
  try {
    url = value.length > 0 && value.length <= 2048 ? new URL(value) : undefined
  } catch {}
  const allowed = url !== undefined && url.origin === value && isHttpsOrLoopback(url)
  if (allowed && allowedOrigins.size < MAX_ALLOWED_ORIGINS) allowedOrigins.add(value)
  return allowed
}

function readFlx(claims: Record<string, unknown>): { jwk: FlexPublicJwk; tokensUrl: string } {
  const { flx } = claims
  if (!isJsonObject(flx)) throw claimInvalid('flx', 'the flx claim must be an object')
  if (!isNonEmptyString(flx.path, 2048) || !flx.path.startsWith('/')) {
    throw claimInvalid('flx.path', 'the flx.path claim must be an absolute path')
  }
  if (typeof flx.data !== 'string')
    throw claimInvalid('flx.data', 'the flx.data claim must be a string')
  if (!isAllowedOrigin(flx.origin)) {
    throw claimInvalid('flx.origin', 'the flx.origin claim must be an https origin')
  }
  const result = validateOneTimeKey(flx.jwk)
  if (!result.ok) {
    throw new FlexVerificationError(
      FLEX_VERIFICATION_REASONS.KEY_INVALID,
      `the one-time key flx.jwk was refused (${result.reason})`,
      { claim: 'flx.jwk' },
    )
  }
  if (!isNonEmptyString(result.jwk.kid, 128)) {
    throw claimInvalid('flx.jwk', 'the one-time key flx.jwk must have a kid')
  }
  return { jwk: result.jwk, tokensUrl: `${flx.origin}${flx.path}` }
}

function readFieldList(data: Record<string, unknown>, name: string): FlexFieldPath[] {
  const list = data[name]
  if (list === undefined) return []
  if (!Array.isArray(list) || !list.every((path) => typeof path === 'string')) {
    throw claimInvalid(`ctx.data.${name}`, `the ctx ${name} must be a list of field paths`)
  }
  // Paths this SDK does not know are left in `claims` (forward-compatible), not in the lists.
  return list.filter(isFlexFieldPath)
}

function readCtx(claims: Record<string, unknown>): {
  type: string
  requiredFields: FlexFieldPath[]
  optionalFields: FlexFieldPath[]
} {
  const { ctx } = claims
  if (!Array.isArray(ctx) || ctx.length === 0) {
    throw claimInvalid('ctx', 'the ctx claim must be a non-empty list')
  }
  for (const entry of ctx) {
    if (!isJsonObject(entry) || !isNonEmptyString(entry.type, 128)) {
      throw claimInvalid('ctx', 'each ctx entry must have a type')
    }
    if (entry.data !== undefined && !isJsonObject(entry.data)) {
      throw claimInvalid('ctx', 'each ctx entry data must be an object')
    }
  }
  const first = ctx[0] as { type: string; data?: Record<string, unknown> }
  if (!first.type.startsWith('api-') || first.data === undefined) {
    return { type: first.type, requiredFields: [], optionalFields: [] }
  }
  return {
    type: first.type,
    requiredFields: readFieldList(first.data, 'requiredFields'),
    optionalFields: readFieldList(first.data, 'optionalFields'),
  }
}

/**
 * Verifies a capture context (the JWT `POST /flex/v2/sessions` returns) and returns it parsed.
 * Cheap refusals come first (size, shape, alg exactly RS256, no `jwk`/`jku`/`x5u`/`x5c`/`crit`,
 * kid syntax), then the signature with the key `keys` resolves, then the claims: `iss`
 * `Flex API`, `exp` and `iat` (clock tolerance 60 s by default), `flx` with a valid one-time key
 * and `ctx`. Flex API (`api-*`), Microform (`mf-*`) and Unified Checkout (`gda-*`) contexts are
 * accepted; other context types are returned as data.
 *
 * @throws {FlexVerificationError} with a `reason` and a stable `code`.
 * @example
 * ```ts
 * import { createPublicKeyResolver, verifyCaptureContext } from 'flex-jwt'
 *
 * const keys = createPublicKeyResolver({ environment: 'production' })
 * const captureContext = await verifyCaptureContext(jwt, { keys })
 * console.log(captureContext.requiredFields, captureContext.expiresAt)
 * ```
 */
export async function verifyCaptureContext(
  jwt: string,
  options: VerifyCaptureContextOptions,
): Promise<CaptureContext> {
  if (typeof options !== 'object' || options === null || typeof options.keys !== 'function') {
    throw new TypeError(`${CALLER}: options.keys must be a key resolver function`)
  }
  const time = readTimeOptions(CALLER, options)
  const { kid, payload } = await verifyCompactJws(jwt, {
    resolveKey: options.keys,
    inspectPayload: refuseTransientToken,
  })
  const claims = payload as Record<string, unknown>
  if (claims.iss !== CAPTURE_CONTEXT_ISSUER) {
    throw claimInvalid('iss', 'the iss claim of a capture context must be Flex API')
  }
  const { iat, exp } = checkTimeClaims(claims, time)
  const { jwk, tokensUrl } = readFlx(claims)
  const { type, requiredFields, optionalFields } = readCtx(claims)
  if (claims.jti !== undefined && !isNonEmptyString(claims.jti)) {
    throw claimInvalid('jti', 'the jti claim must be a string')
  }
  return {
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
  }
}

import { createUsageError, decodeBase64Url } from 'flex-types/internal'
import type { JwtIdRegister } from './jwt-id-register.js'
import {
  type AuthenticatedRequest,
  type AuthenticationResult,
  bodyDigest,
  header,
  hmac,
  MAX_SKEW_SECONDS,
  sameBytes,
  withinSkew,
} from './merchant-authentication-primitives.js'
import type { FlexEmulatorMerchant } from './merchant-credentials.js'
import { verifyHttpSignature } from './verify-http-signature.js'

export type { AuthenticatedRequest, AuthenticationResult }

const decoder = new TextDecoder()

function parseJson(bytes: Uint8Array | undefined): Record<string, unknown> | undefined {
  if (!bytes) return undefined
  try {
    const value: unknown = JSON.parse(decoder.decode(bytes))
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

function splitHost(host: string): { name: string; port: string | undefined } {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host.trim().toLowerCase())
  return { name: match?.[1] ?? host, port: match?.[2] }
}

// The official SDK signs `runEnvironment` (host:port); others sign the bare host name.
function hostMatches(claimed: string, actual: string): boolean {
  const signed = splitHost(claimed)
  const received = splitHost(actual)
  return (
    signed.name === received.name && (signed.port === undefined || signed.port === received.port)
  )
}

function verifyJwt(
  request: AuthenticatedRequest,
  token: string,
  merchants: ReadonlyMap<string, FlexEmulatorMerchant>,
  nowSeconds: number,
  usedJwtIds: JwtIdRegister | undefined,
): AuthenticationResult {
  const parts = token.split('.')
  if (parts.length !== 3) return { ok: false, problem: 'the bearer token is not a compact JWT' }
  const [encodedHeader = '', encodedPayload = '', encodedSignature = ''] = parts
  const protectedHeader = parseJson(decodeBase64Url(encodedHeader))
  if (!protectedHeader) return { ok: false, problem: 'the JWT header is not valid JSON' }
  if (protectedHeader.alg !== 'HS256') return { ok: false, problem: 'the JWT alg must be HS256' }
  if (protectedHeader.typ !== undefined && protectedHeader.typ !== 'JWT') {
    return { ok: false, problem: 'the JWT typ must be JWT' }
  }
  if (protectedHeader.crit !== undefined) {
    return { ok: false, problem: 'the JWT header must not carry crit' }
  }
  const merchant =
    typeof protectedHeader.kid === 'string' ? merchants.get(protectedHeader.kid) : undefined
  if (!merchant) return { ok: false, problem: 'unknown key id' }
  const signature = decodeBase64Url(encodedSignature)
  if (!signature || !sameBytes(signature, hmac(merchant, `${encodedHeader}.${encodedPayload}`))) {
    return { ok: false, problem: 'the JWT signature does not match' }
  }
  const claims = parseJson(decodeBase64Url(encodedPayload))
  if (!claims) return { ok: false, problem: 'the JWT claims are not valid JSON' }
  if (claims['v-c-merchant-id'] !== merchant.merchantId || claims.iss !== merchant.merchantId) {
    return { ok: false, problem: 'the merchant id does not belong to this key' }
  }
  if (claims['v-c-jwt-version'] !== '2') {
    return { ok: false, problem: 'the JWT claim v-c-jwt-version must be "2"' }
  }
  const { iat, exp } = claims
  if (typeof iat !== 'number' || !withinSkew(iat, nowSeconds)) {
    return { ok: false, problem: 'the JWT iat is missing or more than 5 minutes away' }
  }
  if (typeof exp !== 'number' || exp <= nowSeconds) {
    return { ok: false, problem: 'the JWT is expired or has no exp' }
  }
  const { jti } = claims
  if (typeof jti !== 'string' || jti === '' || jti.length > 256) {
    return { ok: false, problem: 'the JWT claim jti is missing' }
  }
  const method = claims['request-method']
  if (typeof method !== 'string' || method.toLowerCase() !== request.method.toLowerCase()) {
    return { ok: false, problem: 'the JWT claim request-method does not match the request' }
  }
  if (claims['request-resource-path'] !== request.target) {
    return { ok: false, problem: 'the JWT claim request-resource-path does not match the request' }
  }
  const host = header(request, 'host')
  const claimedHost = claims['request-host']
  if (typeof claimedHost !== 'string' || host === undefined || !hostMatches(claimedHost, host)) {
    return { ok: false, problem: 'the JWT claim request-host does not match the request' }
  }
  if (request.body.length > 0 || claims.digest !== undefined) {
    if (claims['digest-algorithm'] !== 'SHA-256') {
      return { ok: false, problem: 'the JWT claim digest-algorithm must be SHA-256' }
    }
    if (claims.digest !== bodyDigest(request.body)) {
      return { ok: false, problem: 'the JWT claim digest does not match the body' }
    }
  }
  // Past iat + 5 minutes (or exp) the token is refused anyway: no need to remember it longer.
  const until = Math.min(exp, iat + MAX_SKEW_SECONDS)
  if (usedJwtIds && !usedJwtIds.remember(`jwt ${merchant.keyId} ${jti}`, until, nowSeconds)) {
    return { ok: false, problem: 'the JWT was used before (same jti)' }
  }
  return { ok: true, merchant, scheme: 'jwt' }
}

/**
 * Verifies a merchant request signed with the JWT (HS256) or the HTTP Signature scheme of
 * docs/protocol.md section 5, against the emulator's merchants keyed by key id. This is the
 * emulator's own code, independent of any client. With `replays`, a JWT whose `jti` was
 * accepted before, or an HTTP signature identical to one accepted before, is refused as a replay
 * while it could otherwise still pass. A `signature` header longer than
 * `MAX_SIGNATURE_HEADER_LENGTH` is refused before it is parsed.
 *
 * @example
 * ```ts
 * const result = verifyMerchantAuthentication(request, merchantsByKeyId, new Date(), register)
 * if (!result.ok) return refuseAuthentication(result.problem)
 * ```
 */
export function verifyMerchantAuthentication(
  request: AuthenticatedRequest,
  merchants: ReadonlyMap<string, FlexEmulatorMerchant>,
  now: Date = new Date(),
  replays?: JwtIdRegister,
): AuthenticationResult {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw createUsageError('verifyMerchantAuthentication', 'now', 'must be a valid Date')
  }
  const nowSeconds = Math.floor(now.getTime() / 1000)
  const authorization = header(request, 'authorization')
  const bearer = authorization === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization)
  if (bearer?.[1]) return verifyJwt(request, bearer[1], merchants, nowSeconds, replays)
  const signature = header(request, 'signature')
  if (signature !== undefined) {
    return verifyHttpSignature(request, signature, merchants, nowSeconds, replays)
  }
  return { ok: false, problem: 'no Authorization bearer token or signature header' }
}

/** Verifies a request against the emulator's merchants and replay register, at the wall clock. */
export function authenticateMerchant(
  state: {
    merchantsByKeyId: ReadonlyMap<string, FlexEmulatorMerchant>
    usedJwtIds: JwtIdRegister
  },
  request: AuthenticatedRequest,
): AuthenticationResult {
  return verifyMerchantAuthentication(request, state.merchantsByKeyId, new Date(), state.usedJwtIds)
}

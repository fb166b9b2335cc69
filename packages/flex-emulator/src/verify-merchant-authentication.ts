import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { decodeBase64Url } from 'flex-types/internal'
import type { JwtIdRegister } from './jwt-id-register.js'
import type { FlexEmulatorMerchant } from './merchant-credentials.js'

/** The parts of an HTTP request that merchant authentication looks at. */
export interface AuthenticatedRequest {
  method: string
  /** Path with query, as sent on the request line. */
  target: string
  headers: Record<string, string | string[] | undefined>
  body: Uint8Array
}

/** The outcome: the merchant, or why the request was refused (safe to show, no values). */
export type AuthenticationResult =
  | { ok: true; merchant: FlexEmulatorMerchant; scheme: 'jwt' | 'http-signature' }
  | { ok: false; problem: string }

const MAX_SKEW_SECONDS = 300
/** `Sun, 06 Nov 1994 08:49:37 GMT`, what `Date.prototype.toUTCString` writes. */
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/

function header(request: AuthenticatedRequest, name: string): string | undefined {
  // A name from the signature's `headers` list such as `constructor` must not resolve to an
  // inherited property: a signed header that was not sent is missing.
  if (!Object.hasOwn(request.headers, name)) return undefined
  const value = request.headers[name]
  return Array.isArray(value) ? value.join(', ') : value
}

function decodeBase64(value: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return undefined
  return Buffer.from(value, 'base64')
}

function sameBytes(left: Uint8Array, right: Uint8Array): boolean {
  return left.length === right.length && timingSafeEqual(left, right)
}

function hmac(merchant: FlexEmulatorMerchant, text: string): Buffer {
  return createHmac('sha256', Buffer.from(merchant.sharedSecret, 'base64'))
    .update(text, 'utf8')
    .digest()
}

function bodyDigest(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('base64')
}

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

function withinSkew(seconds: number, nowSeconds: number): boolean {
  return Math.abs(seconds - nowSeconds) <= MAX_SKEW_SECONDS
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
  if (usedJwtIds && !usedJwtIds.remember(`${merchant.keyId} ${jti}`, until, nowSeconds)) {
    return { ok: false, problem: 'the JWT was used before (same jti)' }
  }
  return { ok: true, merchant, scheme: 'jwt' }
}

function parseSignatureHeader(value: string): Map<string, string> {
  const parameters = new Map<string, string>()
  for (const match of value.matchAll(/([A-Za-z]+)\s*=\s*"([^"]*)"/g)) {
    const [, name = '', parameter = ''] = match
    parameters.set(name.toLowerCase(), parameter)
  }
  return parameters
}

function verifyHttpSignature(
  request: AuthenticatedRequest,
  signatureHeader: string,
  merchants: ReadonlyMap<string, FlexEmulatorMerchant>,
  nowSeconds: number,
): AuthenticationResult {
  const parameters = parseSignatureHeader(signatureHeader)
  const keyId = parameters.get('keyid')
  const merchant = keyId === undefined ? undefined : merchants.get(keyId)
  if (!merchant) return { ok: false, problem: 'unknown key id' }
  if (parameters.get('algorithm') !== 'HmacSHA256') {
    return { ok: false, problem: 'the signature algorithm must be HmacSHA256' }
  }
  const names = (parameters.get('headers') ?? '').toLowerCase().split(/\s+/).filter(Boolean)
  const signed = new Set(names)
  const required = [
    'host',
    'v-c-merchant-id',
    signed.has('(request-target)') ? '(request-target)' : 'request-target',
    signed.has('date') ? 'date' : 'v-c-date',
    ...(request.body.length > 0 ? ['digest'] : []),
  ]
  const missing = required.filter((name) => !signed.has(name))
  if (missing.length > 0) {
    return { ok: false, problem: `the signature must cover ${missing.join(', ')}` }
  }
  const lines: string[] = []
  for (const name of names) {
    if (name === 'request-target' || name === '(request-target)') {
      lines.push(`${name}: ${request.method.toLowerCase()} ${request.target}`)
      continue
    }
    const value = header(request, name)
    // The name comes from the request: it is not repeated in the answer.
    if (value === undefined)
      return { ok: false, problem: 'a header the signature covers is missing' }
    lines.push(`${name}: ${value}`)
  }
  const signature = decodeBase64(parameters.get('signature') ?? '')
  if (!signature || !sameBytes(signature, hmac(merchant, lines.join('\n')))) {
    return { ok: false, problem: 'the HTTP signature does not match' }
  }
  if (header(request, 'v-c-merchant-id') !== merchant.merchantId) {
    return { ok: false, problem: 'the merchant id does not belong to this key' }
  }
  const dateHeader = header(request, signed.has('date') ? 'date' : 'v-c-date') ?? ''
  // Date.parse alone takes ISO dates and local times too: a client sending those would pass
  // here and fail at the real service.
  if (!IMF_FIXDATE.test(dateHeader)) {
    return { ok: false, problem: 'the date must be an RFC 7231 IMF-fixdate' }
  }
  const date = Date.parse(dateHeader)
  if (Number.isNaN(date) || !withinSkew(Math.floor(date / 1000), nowSeconds)) {
    return { ok: false, problem: 'the date is missing or more than 5 minutes away' }
  }
  if (signed.has('digest') || request.body.length > 0) {
    if (header(request, 'digest') !== `SHA-256=${bodyDigest(request.body)}`) {
      return { ok: false, problem: 'the digest does not match the body' }
    }
  }
  return { ok: true, merchant, scheme: 'http-signature' }
}

/**
 * Verifies a merchant request signed with the JWT (HS256) or the HTTP Signature scheme of
 * protocol.md section 5, against the emulator's merchants keyed by key id. This is the
 * emulator's own code, independent of any client. With `usedJwtIds`, a JWT whose `jti` was
 * accepted before is refused as a replay.
 */
export function verifyMerchantAuthentication(
  request: AuthenticatedRequest,
  merchants: ReadonlyMap<string, FlexEmulatorMerchant>,
  now: Date = new Date(),
  usedJwtIds?: JwtIdRegister,
): AuthenticationResult {
  const nowSeconds = Math.floor(now.getTime() / 1000)
  const authorization = header(request, 'authorization')
  const bearer = authorization === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization)
  if (bearer?.[1]) return verifyJwt(request, bearer[1], merchants, nowSeconds, usedJwtIds)
  const signature = header(request, 'signature')
  if (signature !== undefined) return verifyHttpSignature(request, signature, merchants, nowSeconds)
  return { ok: false, problem: 'no Authorization bearer token or signature header' }
}

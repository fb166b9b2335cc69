import { type FlexFieldPath, type FlexPublicJwk, isFlexFieldPath } from 'flex-types'
import { isHttpsOrLoopback, isJsonObject, validateRsaPublicJwk } from 'flex-types/internal'
import { claimInvalid, isNonEmptyString, ONE_TIME_KEY_ALGORITHMS } from './check-token-claims.js'
import { FLEX_VERIFICATION_REASONS, FlexVerificationError } from './errors.js'

function validateOneTimeKey(jwk: unknown): FlexPublicJwk {
  const result = validateRsaPublicJwk(jwk, { algorithms: ONE_TIME_KEY_ALGORITHMS })
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
  return result.jwk
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

export function readFlx(claims: Record<string, unknown>): {
  jwk: FlexPublicJwk
  tokensUrl: string
} {
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
  return { jwk: validateOneTimeKey(flx.jwk), tokensUrl: `${flx.origin}${flx.path}` }
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

export function readCtx(claims: Record<string, unknown>): {
  type: string
  data: Record<string, unknown> | undefined
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
    return { type: first.type, data: first.data, requiredFields: [], optionalFields: [] }
  }
  return {
    type: first.type,
    data: first.data,
    requiredFields: readFieldList(first.data, 'requiredFields'),
    optionalFields: readFieldList(first.data, 'optionalFields'),
  }
}

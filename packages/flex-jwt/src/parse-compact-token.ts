import { decodeBase64Url } from 'flex-types'
import { FLEX_VERIFICATION_REASONS, FlexVerificationError } from './flex-verification-error.js'

/** The largest token accepted, in characters (security.md: 64 KiB). */
export const MAX_TOKEN_LENGTH = 65_536

const COMPACT_TOKEN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/
const decoder = new TextDecoder('utf-8', { fatal: true })

/** A compact JWS split into its parts, header and payload decoded as JSON objects. */
export interface ParsedCompactToken {
  header: Record<string, unknown>
  payload: unknown
  payloadSegment: string
}

function malformed(message: string): FlexVerificationError {
  return new FlexVerificationError(FLEX_VERIFICATION_REASONS.MALFORMED, message)
}

function decodeJson(segment: string): unknown {
  const bytes = decodeBase64Url(segment)
  if (bytes === undefined) return undefined
  try {
    return JSON.parse(decoder.decode(bytes))
  } catch {
    return undefined
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * Base64url decoders ignore the unused low bits of the last character, so several spellings
 * decode to the same bytes; only the canonical one is accepted, or a token would be malleable.
 */
function isCanonicalSegment(segment: string): boolean {
  const rest = segment.length % 4
  if (rest === 0) return true
  if (rest === 1) return false
  const last = ALPHABET.indexOf(segment.charAt(segment.length - 1))
  return last % (rest === 2 ? 16 : 4) === 0
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Applies the shape refusals every entry point shares: a string of at most 64 KiB, exactly three
 * base64url segments, a header that is a JSON object. The payload is decoded when it is JSON
 * (`undefined` otherwise): a JWS payload need not be JSON, the callers decide.
 */
export function parseCompactToken(token: unknown): ParsedCompactToken {
  if (typeof token !== 'string') throw malformed('the token must be a string')
  if (token.length > MAX_TOKEN_LENGTH) throw malformed('the token is larger than 64 KiB')
  if (!COMPACT_TOKEN.test(token)) {
    throw malformed('the token must be three base64url segments separated by dots')
  }
  const first = token.indexOf('.')
  const second = token.indexOf('.', first + 1)
  if (
    !isCanonicalSegment(token.slice(0, first)) ||
    !isCanonicalSegment(token.slice(first + 1, second)) ||
    !isCanonicalSegment(token.slice(second + 1))
  ) {
    throw malformed('the token segments must be canonical unpadded base64url')
  }
  const header = decodeJson(token.slice(0, first))
  if (!isJsonObject(header)) throw malformed('the token header is not a JSON object')
  const payloadSegment = token.slice(first + 1, second)
  return { header, payload: decodeJson(payloadSegment), payloadSegment }
}

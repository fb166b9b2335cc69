import { isCompactJws, isJsonObject, MAX_COMPACT_TOKEN_LENGTH } from 'flex-types/internal'
import { FLEX_VERIFICATION_REASONS, FlexVerificationError } from './errors.js'
import { hasDuplicateMember } from './has-duplicate-member.js'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
// ignoreBOM keeps a leading byte order mark, which JSON.parse then refuses.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const INVALID = Symbol('invalid')
const DUPLICATE = Symbol('duplicate')

/** A compact JWS split into its parts, header and payload decoded as JSON objects. */
export interface ParsedCompactToken {
  header: Record<string, unknown>
  payload: unknown
  /** `header.payload` exactly as in the token (ASCII): what the signature covers. */
  signingInput: string
  /** The signature segment, already known to be canonical base64url. */
  signatureSegment: string
}

function malformed(message: string): FlexVerificationError {
  return new FlexVerificationError(FLEX_VERIFICATION_REASONS.MALFORMED, message)
}

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

/**
 * Decodes a base64url segment that `isCompactJws` let through (its alphabet only) to a binary
 * string (one character per byte); `INVALID` when atob() refuses it or its length is impossible.
 */
function decodeSegment(segment: string): string | typeof INVALID {
  let binary: string
  try {
    binary = atob(segment.replace(/-/g, '+').replace(/_/g, '/'))
  } catch {
    return INVALID
  }
  return binary.length === Math.floor((segment.length * 3) / 4) ? binary : INVALID
}

const encoder = new TextEncoder()
// Room for the payload of the largest token at two bytes per character; wiped after each use.
let scratch: Uint8Array | undefined

/**
 * Whether a binary string is all ASCII: encodeInto writes one byte per character exactly then.
 * Natively this is over ten times faster than a regular expression over a payload of 1 KiB.
 */
function isAscii(binary: string): boolean {
  scratch ??= new Uint8Array(MAX_COMPACT_TOKEN_LENGTH * 2)
  const { read, written } = encoder.encodeInto(binary, scratch)
  scratch.fill(0, 0, written)
  return read === binary.length && written === binary.length
}

/** The JSON value, `undefined` when it is not JSON, `DUPLICATE` when an object repeats a member. */
function parseJson(binary: string): unknown {
  let text = binary
  let value: unknown
  try {
    // ASCII is its own UTF-8 decoding, the common case; anything else goes through UTF-8.
    if (!isAscii(binary)) {
      const bytes = new Uint8Array(binary.length)
      for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index)
      text = decoder.decode(bytes)
    }
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  return typeof value === 'object' && value !== null && hasDuplicateMember(text, value)
    ? DUPLICATE
    : value
}

/**
 * Applies the shape refusals every entry point shares: a string of at most 64 KiB, exactly three
 * non-empty canonical base64url segments, a header that is a JSON object, no repeated member name
 * and no byte order mark in header or payload. The payload is decoded when it is
 * JSON (`undefined` otherwise): a JWS payload need not be JSON, the callers decide.
 */
export function parseCompactToken(token: unknown): ParsedCompactToken {
  if (typeof token !== 'string') throw malformed('the token must be a string')
  if (token.length > MAX_COMPACT_TOKEN_LENGTH) throw malformed('the token is larger than 64 KiB')
  if (!isCompactJws(token)) {
    throw malformed('the token must be three non-empty base64url segments separated by dots')
  }
  const first = token.indexOf('.')
  const second = token.indexOf('.', first + 1)
  const headerSegment = token.slice(0, first)
  const payloadSegment = token.slice(first + 1, second)
  const signatureSegment = token.slice(second + 1)
  const header = decodeSegment(headerSegment)
  const payload = decodeSegment(payloadSegment)
  if (header === INVALID || payload === INVALID) {
    throw malformed('the token must contain only base64url characters and dots')
  }
  if (
    !isCanonicalSegment(headerSegment) ||
    !isCanonicalSegment(payloadSegment) ||
    !isCanonicalSegment(signatureSegment)
  ) {
    throw malformed('the token segments must be canonical unpadded base64url')
  }
  const headerJson = parseJson(header)
  const payloadJson = parseJson(payload)
  if (headerJson === DUPLICATE || payloadJson === DUPLICATE) {
    throw malformed('the token header or payload repeats a member name')
  }
  if (!isJsonObject(headerJson)) throw malformed('the token header is not a JSON object')
  return {
    header: headerJson,
    payload: payloadJson,
    signingInput: token.slice(0, second),
    signatureSegment,
  }
}

/**
 * Decodes a signature segment that `parseCompactToken` accepted (canonical base64url) to a binary
 * string (one character per byte); `undefined` if it does not decode, which the checks above
 * already rule out.
 */
export function decodeSignature(segment: string): string | undefined {
  const binary = decodeSegment(segment)
  return binary === INVALID ? undefined : binary
}

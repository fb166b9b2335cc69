import { FlexCaptureContextError, FlexStorageError } from 'flex-types'
import { FLEX_VERIFICATION_REASONS, FlexVerificationError } from './errors.js'
import { assertVerificationKey } from './import-verification-key.js'
import { decodeSignature, parseCompactToken } from './parse-compact-token.js'

const FORBIDDEN_HEADERS = ['jwk', 'jku', 'x5u', 'x5c', 'crit'] as const
const KID = /^[A-Za-z0-9._-]{1,64}$/
const DOTS_ONLY = /^\.+$/
const RS256 = { name: 'RSASSA-PKCS1-v1_5' } as const
const encoder = new TextEncoder()
// Signature and signing input are written into one new buffer per call (rather than two). Never
// a buffer shared between calls: a runtime that read its arguments after `verify` returned would
// then check one token's signature against another's bytes.
function startVerification(key: CryptoKey, signature: string, signingInput: string) {
  const { length } = signature
  // The signing input is base64url and dots (checked by parseCompactToken): one byte a character.
  const bytes = new Uint8Array(length + signingInput.length)
  for (let index = 0; index < length; index += 1) bytes[index] = signature.charCodeAt(index)
  const { written } = encoder.encodeInto(signingInput, bytes.subarray(length))
  return crypto.subtle.verify(
    RS256,
    key,
    bytes.subarray(0, length),
    bytes.subarray(length, length + written),
  )
}

/** Tells whether a kid is 1–64 characters of `[A-Za-z0-9._-]` and not a dot segment. */
export function isValidKid(kid: unknown): kid is string {
  return typeof kid === 'string' && KID.test(kid) && !DOTS_ONLY.test(kid)
}

/** What a verified compact JWS yields. */
export interface VerifiedJws {
  kid: string
  /** The payload parsed as JSON, `undefined` when it is not JSON. */
  payload: unknown
}

export interface VerifyCompactJwsOptions {
  /** Gives the verification key for a kid; called only after every cheap refusal passed. */
  resolveKey: (kid: string) => Promise<CryptoKey>
  /** A refusal on the still unverified payload, run before the key is looked up. */
  inspectPayload?: (payload: unknown) => void
}

function refuse(
  reason: (typeof FLEX_VERIFICATION_REASONS)[keyof typeof FLEX_VERIFICATION_REASONS],
  message: string,
  claim?: string,
): FlexVerificationError {
  return new FlexVerificationError(reason, message, claim === undefined ? {} : { claim })
}

/**
 * Verifies an RS256 compact JWS: shape, header (alg exactly RS256, no key-carrying or `crit`
 * members, kid syntax) and only then the key and the signature. The signature is checked with
 * WebCrypto over the segments parsed once here: decoding the token again (as a JWS library does)
 * costs as much as the RSA verification itself.
 */
export async function verifyCompactJws(
  jwt: string,
  options: VerifyCompactJwsOptions,
): Promise<VerifiedJws> {
  const { header, payload, signingInput, signatureSegment } = parseCompactToken(jwt)
  if (header.alg !== 'RS256') {
    throw refuse(FLEX_VERIFICATION_REASONS.ALG_NOT_ALLOWED, 'the token alg must be RS256', 'alg')
  }
  for (const member of FORBIDDEN_HEADERS) {
    if (member in header) {
      throw refuse(
        FLEX_VERIFICATION_REASONS.HEADER_NOT_ALLOWED,
        `the token header must not carry ${member}`,
        member,
      )
    }
  }
  const { kid } = header
  if (!isValidKid(kid)) {
    throw refuse(
      FLEX_VERIFICATION_REASONS.KID_INVALID,
      'the token kid must be 1 to 64 characters of A-Z a-z 0-9 . _ -',
      'kid',
    )
  }
  options.inspectPayload?.(payload)
  let key: CryptoKey
  try {
    key = assertVerificationKey(await options.resolveKey(kid), kid)
  } catch (error) {
    // A stored capture context that expired or a storage that failed keeps its own class.
    if (
      FlexVerificationError.isInstance(error) ||
      FlexStorageError.isInstance(error) ||
      FlexCaptureContextError.isInstance(error)
    ) {
      throw error
    }
    throw new FlexVerificationError(
      FLEX_VERIFICATION_REASONS.KEY_FETCH_FAILED,
      'the key resolver failed',
      { kid, cause: error },
    )
  }
  // The key is RSASSA-PKCS1-v1_5/SHA-256 (assertVerificationKey), so RS256 is the only algorithm.
  const signature = decodeSignature(signatureSegment)
  if (signature === undefined) {
    throw refuse(FLEX_VERIFICATION_REASONS.MALFORMED, 'the token is not a valid RS256 JWS')
  }
  // An RSASSA-PKCS1-v1_5 signature is exactly as long as the modulus; anything else cannot verify.
  const { modulusLength } = key.algorithm as RsaHashedKeyAlgorithm
  let valid = false
  if (signature.length === Math.ceil(modulusLength / 8)) {
    try {
      valid = await startVerification(key, signature, signingInput)
    } catch {
      // A WebCrypto failure on a well-formed signature is a verdict, not a detail to pass on.
      valid = false
    }
  }
  if (!valid) {
    throw refuse(FLEX_VERIFICATION_REASONS.BAD_SIGNATURE, 'the token signature does not verify')
  }
  return { kid, payload }
}

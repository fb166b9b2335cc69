import type { CaptureContext } from 'flex-types'
import { rememberForCaptureContext, validateRsaPublicJwk } from 'flex-types/internal'
import { encodeProtectedHeader } from './encrypt-compact-jwe.js'
import { FLEX_ENCRYPTION_KEY_REASONS, FlexEncryptionKeyError } from './errors.js'
import { JWE_ALGORITHMS, type JweAlgorithm, RSA_OAEP_HASHES } from './jwe-algorithms.js'

/** A validated one-time key: the algorithm, the encoded JWE header and the imported CryptoKey. */
export interface EncryptionKey {
  algorithm: JweAlgorithm
  protectedHeader: string
  key: Promise<CryptoKey>
}

interface ValidatedKey {
  kid: string
  jwkAlgorithm: JweAlgorithm | undefined
  n: string
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const UNSAFE_KID = /[\u0000-\u001f\u007f]/

function validate(jwk: unknown): ValidatedKey {
  const result = validateRsaPublicJwk(jwk, { algorithms: JWE_ALGORITHMS })
  if (!result.ok) throw new FlexEncryptionKeyError(result.reason, result.message)
  if (result.jwk.use === 'sig') {
    throw new FlexEncryptionKeyError(
      FLEX_ENCRYPTION_KEY_REASONS.WRONG_USE,
      'the key is marked for signatures (use sig), not encryption',
    )
  }
  const { kid } = result.jwk
  if (kid === undefined || kid.length === 0 || kid.length > 256 || UNSAFE_KID.test(kid)) {
    throw new FlexEncryptionKeyError(
      FLEX_ENCRYPTION_KEY_REASONS.MISSING_KID,
      'the key must have a kid of 1 to 256 printable characters',
    )
  }
  return { kid, jwkAlgorithm: result.jwk.alg as JweAlgorithm | undefined, n: result.jwk.n }
}

function importKey(n: string, algorithm: JweAlgorithm): Promise<CryptoKey> {
  const key = crypto.subtle
    .importKey(
      'jwk',
      { kty: 'RSA', n, e: 'AQAB' },
      { name: 'RSA-OAEP', hash: RSA_OAEP_HASHES[algorithm] },
      false,
      ['encrypt'],
    )
    .catch(() => {
      throw new FlexEncryptionKeyError(
        FLEX_ENCRYPTION_KEY_REASONS.NOT_IMPORTABLE,
        'the key could not be imported by WebCrypto',
      )
    })
  // A caller whose data fails validation never awaits the import: its failure must not become
  // an unhandled rejection. Callers that await it still see the error.
  key.catch(() => undefined)
  return key
}

/**
 * Validates a capture context's one-time JWK, imports it for RSA-OAEP with the hash of the
 * algorithm and encodes the JWE header; both are remembered for a verified (deeply frozen)
 * context, and done again on each call for any other. The algorithm is the one asked for, else
 * the JWK's own `alg`, else `RSA-OAEP-256`; a JWK whose `alg` names the other one is refused.
 */
export function importEncryptionKey(
  context: CaptureContext,
  requested?: JweAlgorithm,
): EncryptionKey {
  const validated = rememberForCaptureContext(context, 'flex-jwe:validate', () =>
    validate(context.encryptionKey),
  )
  if (
    requested !== undefined &&
    validated.jwkAlgorithm !== undefined &&
    requested !== validated.jwkAlgorithm
  ) {
    throw new FlexEncryptionKeyError(
      FLEX_ENCRYPTION_KEY_REASONS.WRONG_ALGORITHM,
      'the key alg does not match the requested algorithm',
    )
  }
  const algorithm = requested ?? validated.jwkAlgorithm ?? 'RSA-OAEP-256'
  // The promise itself is remembered: a failed import is forgotten and tried again next time.
  const key = rememberForCaptureContext(context, `flex-jwe:import:${algorithm}`, () =>
    importKey(validated.n, algorithm),
  )
  const protectedHeader = rememberForCaptureContext(context, `flex-jwe:header:${algorithm}`, () =>
    encodeProtectedHeader(algorithm, validated.kid),
  )
  return { algorithm, protectedHeader, key }
}

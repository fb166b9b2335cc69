import { validateRsaPublicJwk } from 'flex-types/internal'
import { encodeProtectedHeader } from './encrypt-compact-jwe.js'
import { FLEX_ENCRYPTION_KEY_REASONS, FlexEncryptionKeyError } from './errors.js'
import { JWE_ALGORITHMS, type JweAlgorithm, RSA_OAEP_HASHES } from './jwe-algorithms.js'

/** A validated one-time key: the algorithm, the encoded JWE header and the imported CryptoKey. */
export interface EncryptionKey {
  algorithm: JweAlgorithm
  protectedHeader: string
  key: Promise<CryptoKey>
}

interface CacheEntry {
  /** The JWK's members when it was validated: a changed object is validated again. */
  snapshot: [string, unknown][]
  kid: string
  jwkAlgorithm: JweAlgorithm | undefined
  keys: Map<JweAlgorithm, EncryptionKey>
  n: string
}

// Keyed by the JWK object itself, so validation (the ROCA test costs about a third of an RSA
// encryption) and the import happen once per capture context, and the entry dies with it.
const cache = new WeakMap<object, CacheEntry>()
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const UNSAFE_KID = /[\u0000-\u001f\u007f]/

function isUnchanged(entry: CacheEntry, jwk: object): boolean {
  const members = Object.keys(jwk)
  return (
    members.length === entry.snapshot.length &&
    entry.snapshot.every(([member, value]) => (jwk as Record<string, unknown>)[member] === value)
  )
}

function validate(jwk: object): CacheEntry {
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
  return {
    snapshot: Object.entries(jwk),
    kid,
    jwkAlgorithm: result.jwk.alg as JweAlgorithm | undefined,
    keys: new Map(),
    n: result.jwk.n,
  }
}

function importKey(entry: CacheEntry, algorithm: JweAlgorithm): EncryptionKey {
  let imported = entry.keys.get(algorithm)
  if (imported === undefined) {
    const key = crypto.subtle
      .importKey(
        'jwk',
        { kty: 'RSA', n: entry.n, e: 'AQAB' },
        { name: 'RSA-OAEP', hash: RSA_OAEP_HASHES[algorithm] },
        false,
        ['encrypt'],
      )
      .catch(() => {
        entry.keys.delete(algorithm)
        throw new FlexEncryptionKeyError(
          FLEX_ENCRYPTION_KEY_REASONS.NOT_IMPORTABLE,
          'the key could not be imported by WebCrypto',
        )
      })
    // A caller whose data fails validation never awaits the import: its failure must not become
    // an unhandled rejection. Callers that await it still see the error.
    key.catch(() => undefined)
    imported = { algorithm, protectedHeader: encodeProtectedHeader(algorithm, entry.kid), key }
    entry.keys.set(algorithm, imported)
  }
  return imported
}

/**
 * Validates a capture context's one-time JWK (once per JWK object), imports it for RSA-OAEP with
 * the hash of the algorithm and encodes the JWE header (once per JWK object and algorithm). The
 * algorithm is the one asked for, else the JWK's own `alg`, else `RSA-OAEP-256`; a JWK whose `alg`
 * names the other one is refused.
 */
export function importEncryptionKey(jwk: object, requested?: JweAlgorithm): EncryptionKey {
  let entry = cache.get(jwk)
  if (entry === undefined || !isUnchanged(entry, jwk)) {
    entry = validate(jwk)
    cache.set(jwk, entry)
  }
  if (
    requested !== undefined &&
    entry.jwkAlgorithm !== undefined &&
    requested !== entry.jwkAlgorithm
  ) {
    throw new FlexEncryptionKeyError(
      FLEX_ENCRYPTION_KEY_REASONS.WRONG_ALGORITHM,
      'the key alg does not match the requested algorithm',
    )
  }
  const algorithm = requested ?? entry.jwkAlgorithm ?? 'RSA-OAEP-256'
  return importKey(entry, algorithm)
}

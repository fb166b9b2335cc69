import type { FlexPublicJwk } from 'flex-types'
import { validateRsaPublicJwk } from 'flex-types/internal'
import { FLEX_VERIFICATION_REASONS, FlexVerificationError } from './errors.js'

const RS256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const

function keyInvalid(message: string, kid: string | undefined): FlexVerificationError {
  return new FlexVerificationError(
    FLEX_VERIFICATION_REASONS.KEY_INVALID,
    message,
    kid === undefined ? {} : { kid },
  )
}

/**
 * Validates a JWK (flex-types rules, `key_ops` allowing `verify`, and the kid it must carry) and
 * returns the clean public JWK. Throws `key-invalid` without echoing key material.
 */
export function validateVerificationJwk(
  value: unknown,
  options: { kid?: string | undefined; algorithms: readonly string[] },
): FlexPublicJwk {
  const { kid } = options
  const keyOps = (value as { key_ops?: unknown } | null)?.key_ops
  if (keyOps !== undefined && !(Array.isArray(keyOps) && keyOps.includes('verify'))) {
    throw keyInvalid('the key key_ops does not allow verify', kid)
  }
  const result = validateRsaPublicJwk(value, { algorithms: options.algorithms })
  if (!result.ok) throw keyInvalid(`the key was refused (${result.reason})`, kid)
  if (kid !== undefined && result.jwk.kid !== kid) {
    throw keyInvalid('the key kid is not the kid that was asked for', kid)
  }
  return result.jwk
}

/** Imports a validated public JWK as a non-extractable RS256 verification CryptoKey. */
export async function importVerificationKey(
  jwk: FlexPublicJwk,
  kid: string | undefined,
): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey('jwk', { kty: 'RSA', n: jwk.n, e: jwk.e }, RS256, false, [
      'verify',
    ])
  } catch {
    throw keyInvalid('the key could not be imported', kid)
  }
}

const checkedKeys = new WeakSet<CryptoKey>()

/** Refuses anything but an RSA public RS256 key of 2048–8192 bits (e.g. from a custom resolver). */
export function assertVerificationKey(key: unknown, kid: string): CryptoKey {
  if (checkedKeys.has(key as CryptoKey)) return key as CryptoKey
  const algorithm = (key as CryptoKey | null)?.algorithm as RsaHashedKeyAlgorithm | undefined
  if (
    typeof CryptoKey === 'undefined' ||
    !(key instanceof CryptoKey) ||
    key.type !== 'public' ||
    algorithm?.name !== RS256.name ||
    algorithm.hash?.name !== RS256.hash ||
    algorithm.modulusLength < 2048 ||
    algorithm.modulusLength > 8192 ||
    !key.usages.includes('verify')
  ) {
    throw keyInvalid('the key resolver did not return an RS256 public CryptoKey', kid)
  }
  checkedKeys.add(key)
  return key
}

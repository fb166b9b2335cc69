import { decodeCanonicalBase64 } from './create-authentication-headers.js'

/** The merchant credentials: kept in memory only (the secret as a non-extractable key). */
export interface FlexCredentials {
  /** The Cybersource merchant id (`v-c-merchant-id`, the JWT `iss`). */
  merchantId: string
  /** The id of the shared secret key (the JWT `kid`, the signature `keyid`). */
  keyId: string
  /** The shared secret as Cybersource issues it: canonical, padded base64. */
  sharedSecret: string
}

/** The credentials once checked: the secret decoded, not yet imported. */
export interface CheckedCredentials {
  merchantId: string
  keyId: string
  secret: Uint8Array
}

const IDENTIFIER = /^[\x21\x23-\x7e]{1,256}$/

/** Reads the `credentials` option; the errors name the member, never its value. */
export function readCredentials(credentials: unknown): CheckedCredentials {
  if (typeof credentials !== 'object' || credentials === null) {
    throw new TypeError('`credentials` must be an object with merchantId, keyId and sharedSecret')
  }
  const { merchantId, keyId, sharedSecret } = credentials as Record<string, unknown>
  if (typeof merchantId !== 'string' || !IDENTIFIER.test(merchantId)) {
    throw new TypeError('`credentials.merchantId` must be a non-empty string of visible ASCII')
  }
  if (typeof keyId !== 'string' || !IDENTIFIER.test(keyId)) {
    throw new TypeError('`credentials.keyId` must be a non-empty string of visible ASCII')
  }
  const secret = typeof sharedSecret === 'string' ? decodeCanonicalBase64(sharedSecret) : undefined
  if (secret === undefined) {
    throw new TypeError('`credentials.sharedSecret` must be canonical, padded base64')
  }
  return { merchantId, keyId, secret }
}

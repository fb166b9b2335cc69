import { createUsageError } from 'flex-types/internal'
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

const CALLER = 'createFlexClient'
// Both ids are written into the signature header as quoted strings (keyid="…") and into headers
// and JWT claims: visible ASCII without `"`, `\` and `,`, which would end, escape or split a
// quoted value or a parameter list.
const IDENTIFIER = /^[\x21\x23-\x2b\x2d-\x5b\x5d-\x7e]{1,256}$/
const IDENTIFIER_RULE = 'must be 1 to 256 visible ASCII characters other than " \\ and ,'
// Cybersource issues 32 random bytes (44 base64 characters), and RFC 7518 section 3.2 requires an
// HS256 key at least as long as the hash output: 32 bytes. A shorter secret is a mistake.
const MIN_SECRET_BYTES = 32

function readIdentifier(value: unknown, option: string): string {
  if (typeof value !== 'string' || !IDENTIFIER.test(value)) {
    throw createUsageError(CALLER, option, IDENTIFIER_RULE)
  }
  return value
}

/** Reads the `credentials` option; the errors name the member, never its value. */
export function readCredentials(credentials: unknown): CheckedCredentials {
  if (typeof credentials !== 'object' || credentials === null) {
    throw createUsageError(
      CALLER,
      'credentials',
      'must be an object with merchantId, keyId and sharedSecret',
    )
  }
  const { merchantId, keyId, sharedSecret } = credentials as Record<string, unknown>
  const checked = {
    merchantId: readIdentifier(merchantId, 'credentials.merchantId'),
    keyId: readIdentifier(keyId, 'credentials.keyId'),
  }
  const secret = typeof sharedSecret === 'string' ? decodeCanonicalBase64(sharedSecret) : undefined
  if (secret === undefined) {
    throw createUsageError(CALLER, 'credentials.sharedSecret', 'must be canonical, padded base64')
  }
  if (secret.length < MIN_SECRET_BYTES) {
    throw createUsageError(
      CALLER,
      'credentials.sharedSecret',
      `must decode to at least ${MIN_SECRET_BYTES} bytes (Cybersource issues 32: 44 base64 characters)`,
    )
  }
  return { ...checked, secret }
}

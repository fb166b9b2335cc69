import { FLEX_ERROR_CODES, FlexError } from 'flex-types'
import { FLEX_RSA_JWK_REASONS } from 'flex-types/internal'

/**
 * Why the one-time encryption key of a capture context was refused.
 *
 * @example
 * ```ts
 * if (FlexEncryptionKeyError.isInstance(error) && error.reason === FLEX_ENCRYPTION_KEY_REASONS.ROCA) {
 *   alertSecurityTeam()
 * }
 * ```
 */
export const FLEX_ENCRYPTION_KEY_REASONS: typeof FLEX_RSA_JWK_REASONS & {
  readonly MISSING_KID: 'missing-kid'
  readonly NOT_IMPORTABLE: 'not-importable'
} = {
  ...FLEX_RSA_JWK_REASONS,
  /** The JWK has no usable `kid`, which the JWE header must carry. */
  MISSING_KID: 'missing-kid',
  /** WebCrypto refused to import the key. */
  NOT_IMPORTABLE: 'not-importable',
}

/** One of `FLEX_ENCRYPTION_KEY_REASONS`. */
export type EncryptionKeyReason =
  (typeof FLEX_ENCRYPTION_KEY_REASONS)[keyof typeof FLEX_ENCRYPTION_KEY_REASONS]

const KEY_MARKER = 'flex.error.encryption-key'
const ENCRYPTION_MARKER = 'flex.error.encryption'

/**
 * The capture context's one-time key (`encryptionKey`, from `flx.jwk`) is unusable
 * (`ERR_FLEX_ENCRYPTION_KEY_INVALID`): not RSA, an exponent other than 65537, a modulus outside
 * 2048–8192 bits, the ROCA fingerprint, private members, a `sig` use, an `alg` other than the one
 * asked for, or no `kid`. `reason` says which; the message never contains key material.
 *
 * @example
 * ```ts
 * if (FlexEncryptionKeyError.isInstance(error)) console.error(error.reason)
 * ```
 */
export class FlexEncryptionKeyError extends FlexError {
  override readonly name: string = 'FlexEncryptionKeyError'
  readonly reason: EncryptionKeyReason

  constructor(reason: EncryptionKeyReason, message: string) {
    super(FLEX_ERROR_CODES.ENCRYPTION_KEY_INVALID, message)
    this.reason = reason
    FlexError.mark(this, KEY_MARKER)
  }

  static override isInstance(value: unknown): value is FlexEncryptionKeyError {
    return FlexError.hasMarker(value, KEY_MARKER)
  }
}

/**
 * WebCrypto failed while encrypting (`ERR_FLEX_ENCRYPTION_FAILED`). It carries no `cause`: the
 * runtime's error may describe the inputs, and the inputs are card data.
 *
 * @example
 * ```ts
 * if (FlexEncryptionError.isInstance(error)) console.error(error.code)
 * ```
 */
export class FlexEncryptionError extends FlexError {
  override readonly name: string = 'FlexEncryptionError'

  constructor(message: string) {
    super(FLEX_ERROR_CODES.ENCRYPTION_FAILED, message)
    FlexError.mark(this, ENCRYPTION_MARKER)
  }

  static override isInstance(value: unknown): value is FlexEncryptionError {
    return FlexError.hasMarker(value, ENCRYPTION_MARKER)
  }
}

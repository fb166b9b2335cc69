import { FLEX_ERROR_CODES, FlexError } from 'flex-types'
import { RSA_JWK_PROBLEMS } from 'flex-types/internal'

/**
 * Why the one-time encryption key of a capture context was refused.
 *
 * @example
 * ```ts
 * if (FlexEncryptionKeyError.isInstance(error) && error.reason === ENCRYPTION_KEY_PROBLEMS.ROCA) {
 *   alertSecurityTeam()
 * }
 * ```
 */
export const ENCRYPTION_KEY_PROBLEMS: typeof RSA_JWK_PROBLEMS & {
  readonly MISSING_KID: 'missing-kid'
  readonly NOT_IMPORTABLE: 'not-importable'
} = {
  ...RSA_JWK_PROBLEMS,
  /** The JWK has no usable `kid`, which the JWE header must carry. */
  MISSING_KID: 'missing-kid',
  /** WebCrypto refused to import the key. */
  NOT_IMPORTABLE: 'not-importable',
}

/** One of `ENCRYPTION_KEY_PROBLEMS`. */
export type EncryptionKeyProblem =
  (typeof ENCRYPTION_KEY_PROBLEMS)[keyof typeof ENCRYPTION_KEY_PROBLEMS]

const MARKER = 'flex.error.encryption-key'

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
  readonly reason: EncryptionKeyProblem

  constructor(reason: EncryptionKeyProblem, message: string) {
    super(FLEX_ERROR_CODES.ENCRYPTION_KEY_INVALID, message)
    this.reason = reason
    FlexError.mark(this, MARKER)
  }

  static override isInstance(value: unknown): value is FlexEncryptionKeyError {
    return FlexError.hasMarker(value, MARKER)
  }
}

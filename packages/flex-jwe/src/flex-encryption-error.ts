import { FLEX_ERROR_CODES, FlexError } from 'flex-types'

const MARKER = 'flex.error.encryption'

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
    FlexError.mark(this, MARKER)
  }

  static override isInstance(value: unknown): value is FlexEncryptionError {
    return FlexError.hasMarker(value, MARKER)
  }
}

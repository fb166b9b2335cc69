// Re-export policy: the flex-types names this package's public signatures use, so that users need
// no direct flex-types import (and get the very same classes, not copies).
export type {
  CaptureContext,
  CaptureContextClaims,
  CaptureContextEntry,
  CardBrand,
  CurrentDateOption,
  FlatPaymentData,
  FlexCaptureContextErrorCode,
  FlexCaptureContextReason,
  FlexErrorCode,
  FlexFieldIssue,
  FlexFieldPath,
  FlexFieldReason,
  FlexPublicJwk,
  MaskCardNumberOptions,
  PaymentData,
} from 'flex-types'
export {
  detectCardBrand,
  FLEX_CAPTURE_CONTEXT_REASONS,
  FlexCaptureContextError,
  FlexError,
  FlexValidationError,
  isFlexError,
  isValidCardNumber,
  maskCardNumber,
  passesLuhn,
} from 'flex-types'
export { type EncryptPaymentDataOptions, encryptPaymentData } from './encrypt-payment-data.js'
export {
  type EncryptionKeyReason,
  FLEX_ENCRYPTION_KEY_REASONS,
  FlexEncryptionError,
  FlexEncryptionKeyError,
} from './errors.js'
export { JWE_ALGORITHMS, type JweAlgorithm } from './jwe-algorithms.js'

export type {
  CaptureContext,
  CardBrand,
  FlatPaymentData,
  FlexFieldIssue,
  FlexFieldPath,
  FlexFieldReason,
  MaskCardNumberOptions,
  PaymentData,
} from 'flex-types'
export {
  detectCardBrand,
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

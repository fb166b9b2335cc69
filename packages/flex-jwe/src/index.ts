export type {
  CaptureContext,
  CardBrand,
  FlatPaymentData,
  FlexFieldIssue,
  FlexFieldPath,
  FlexFieldRule,
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
export { FlexEncryptionError } from './flex-encryption-error.js'
export {
  ENCRYPTION_KEY_PROBLEMS,
  type EncryptionKeyProblem,
  FlexEncryptionKeyError,
} from './flex-encryption-key-error.js'
export { JWE_ALGORITHMS, type JweAlgorithm } from './jwe-algorithms.js'

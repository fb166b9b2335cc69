export {
  type CaptureContext,
  type CurrentDateOption,
  FLEX_ERROR_CODES,
  FLEX_FIELD_REASONS,
  FlexError,
  type FlexFieldIssue,
  FlexValidationError,
  getCurrencyExponent,
} from 'flex-types'
export { MAX_AMOUNT_LENGTH } from 'flex-types/internal'
export { type AuthorizePaymentOptions, authorizePayment } from './authorize-payment.js'
export { type CapturePaymentOptions, capturePayment } from './capture-payment.js'
export {
  FLEX_PAYMENT_RESPONSE_REASONS,
  FlexPaymentOutcomeUnknownError,
  type FlexPaymentRecovery,
  FlexPaymentResponseError,
  type FlexPaymentResponseReason,
} from './errors.js'
export {
  type GetPaymentDetailsOptions,
  getPaymentDetails,
  type PaymentDetails,
} from './get-payment-details.js'
export {
  type GetTransactionOptions,
  getTransaction,
  type TransactionApplication,
  type TransactionDetails,
} from './get-transaction.js'
export type {
  AuthorizationAccepted,
  AuthorizationRefused,
  AuthorizationResult,
  CaptureResult,
  PaymentAmounts,
  PaymentProcessorFacts,
  PaymentResultBase,
  RefundAccepted,
  RefundRefused,
  RefundResult,
  ReversalResult,
  VoidResult,
} from './payment-results.js'
export type { FlexApiResponse, FlexRequestOptions, PaymentsClient } from './payments-client.js'
export type { PaymentAddress } from './read-bill-to.js'
export { type RefundPaymentOptions, refundPayment } from './refund-payment.js'
export { type ReverseAfterTimeoutOptions, reverseAfterTimeout } from './reverse-after-timeout.js'
export { type ReverseAuthorizationOptions, reverseAuthorization } from './reverse-authorization.js'
export { type VoidAfterTimeoutOptions, voidAfterTimeout } from './void-after-timeout.js'
export { type VoidPaymentOptions, voidPayment } from './void-payment.js'

export type {
  CaptureContext,
  CaptureContextClaims,
  CaptureContextEntry,
  CardNetworkName,
  FlexPublicJwk,
} from './capture-context.js'
export { CARD_BRAND_RULES, type CardBrandRule } from './card-brand-rules.js'
export { getCurrencyExponent } from './currency-exponents.js'
export { CARD_BRAND_TYPE_CODES, type CardBrand, detectCardBrand } from './detect-card-brand.js'
export {
  FLEX_CAPTURE_CONTEXT_REASONS,
  FlexCaptureContextError,
  type FlexCaptureContextErrorCode,
  type FlexCaptureContextErrorDetails,
  type FlexCaptureContextReason,
} from './flex-capture-context-error.js'
export { FLEX_ENVIRONMENTS, type FlexEnvironment, isFlexEnvironment } from './flex-environments.js'
export {
  FLEX_ERROR_CODES,
  FLEX_FIELD_REASONS,
  FlexError,
  type FlexErrorCode,
  type FlexErrorOptions,
  type FlexFieldIssue,
  type FlexFieldReason,
  FlexValidationError,
  isFlexError,
} from './flex-error.js'
export { FLEX_FIELD_PATHS, type FlexFieldPath, isFlexFieldPath } from './flex-field-paths.js'
export type {
  FieldRequirement,
  FlatPaymentData,
  FlexFieldTree,
  PaymentData,
  SessionFieldSelection,
  SessionFields,
} from './flex-field-tree.js'
export { type MaskCardNumberOptions, maskCardNumber } from './mask-card-number.js'
export { nestFieldValues } from './nest-field-values.js'
export { isValidCardNumber, normalizeCardNumber, passesLuhn } from './passes-luhn.js'
export type { CurrentDateOption } from './read-current-date.js'
export type { FlexRetryOption, FlexRetryOptions } from './retry-options.js'
export type { MaskedCard, TransientToken, TransientTokenClaims } from './transient-token.js'
export {
  isUsageError,
  USAGE_ERROR_CODES,
  type UsageError,
  type UsageErrorCode,
} from './usage-error.js'
export {
  type ValidatePaymentDataOptions,
  type ValidatePaymentDataResult,
  validatePaymentData,
} from './validate-payment-data.js'

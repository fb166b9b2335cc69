export { buildSessionRequestBody, type SessionRequestBody } from './build-session-request-body.js'
export type {
  CaptureContext,
  CaptureContextClaims,
  CaptureContextEntry,
  FlexPublicJwk,
} from './capture-context.js'
export { decodeBase64Url } from './decode-base64-url.js'
export { CARD_BRAND_TYPE_CODES, type CardBrand, detectCardBrand } from './detect-card-brand.js'
export { encodeBase64Url } from './encode-base64-url.js'
export { FLEX_ENVIRONMENTS, type FlexEnvironment, isFlexEnvironment } from './flex-environments.js'
export {
  FLEX_ERROR_CODES,
  FLEX_FIELD_RULES,
  FlexError,
  type FlexErrorCode,
  type FlexErrorOptions,
  type FlexFieldIssue,
  type FlexFieldRule,
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
export { isHttpsOrLoopback } from './is-https-or-loopback.js'
export { isJsonObject } from './is-json-object.js'
export { isLoopbackHostname } from './is-loopback-hostname.js'
export { type MaskCardNumberOptions, maskCardNumber } from './mask-card-number.js'
export { nestFieldValues } from './nest-field-values.js'
export { isValidCardNumber, normalizeCardNumber, passesLuhn } from './passes-luhn.js'
export {
  type FlexOriginMessageStyle,
  type FlexOriginOptions,
  readFlexOrigin,
} from './read-flex-origin.js'
export {
  type ReadResponseBytesOptions,
  type ReadResponseBytesResult,
  readResponseBytes,
} from './read-response-bytes.js'
export { readSessionFields, type SessionFieldLists } from './read-session-fields.js'
export type { MaskedCard, TransientToken, TransientTokenClaims } from './transient-token.js'
export {
  type ValidatePaymentDataOptions,
  type ValidatePaymentDataResult,
  validatePaymentData,
} from './validate-payment-data.js'
export {
  RSA_JWK_PROBLEMS,
  type RsaJwkProblem,
  type ValidateRsaPublicJwkOptions,
  type ValidateRsaPublicJwkResult,
  validateRsaPublicJwk,
} from './validate-rsa-public-jwk.js'

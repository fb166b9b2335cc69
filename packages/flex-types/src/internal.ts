// flex-types/internal: what only the sibling packages use. No semver promise: a minor release of
// flex-types may change any of it. Users import from 'flex-types'.
export { buildSessionRequestBody, type SessionRequestBody } from './build-session-request-body.js'
export { rememberForCaptureContext } from './capture-context-cache.js'
export { containsCardLikeDigits } from './contains-card-like-digits.js'
export { decodeBase64Url } from './decode-base64-url.js'
export { encodeBase64Url } from './encode-base64-url.js'
export { isCompactJwe, isCompactJws, MAX_COMPACT_TOKEN_LENGTH } from './is-compact-jws.js'
export { isHttpsOrLoopback } from './is-https-or-loopback.js'
export { isJsonObject } from './is-json-object.js'
export { isLoopbackHostname } from './is-loopback-hostname.js'
export { parseRetryAfter } from './parse-retry-after.js'
export { readCurrentDate } from './read-current-date.js'
export {
  MAX_AMOUNT_LENGTH,
  readCurrencyCode,
  readDecimalAmount,
} from './read-decimal-amount.js'
export {
  type DurationBounds,
  MAX_TIMER_DELAY,
  readCountOption,
  readDurationOption,
  readStorageTtl,
} from './read-duration-option.js'
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
export { readRetryOption } from './retry-options.js'
export { createUsageError } from './usage-error.js'
export {
  FLEX_RSA_JWK_REASONS,
  type RsaJwkReason,
  type ValidateRsaPublicJwkOptions,
  type ValidateRsaPublicJwkResult,
  validateRsaPublicJwk,
} from './validate-rsa-public-jwk.js'

export {
  type CaptureContext,
  type CardNetworkName,
  FLEX_CAPTURE_CONTEXT_REASONS,
  FLEX_ERROR_CODES,
  FlexCaptureContextError,
  type FlexCaptureContextErrorCode,
  type FlexCaptureContextReason,
  type FlexEnvironment,
  FlexError,
  type FlexErrorCode,
  type FlexFieldIssue,
  type FlexRetryOptions,
  FlexValidationError,
  isFlexError,
  isUsageError,
  type SessionFieldSelection,
  type SessionFields,
  type UsageError,
} from 'flex-types'
export {
  createAuthenticationHeaders,
  type FlexAuthentication,
  type SignedRequest,
  type SigningCredentials,
} from './create-authentication-headers.js'
export { createFlexClient, type FlexClient } from './create-flex-client.js'
export {
  FLEX_HTTP_REASONS,
  FlexAuthenticationError,
  FlexHttpError,
  type FlexHttpErrorDetails,
  type FlexHttpReason,
  FlexNetworkError,
  type FlexNetworkErrorDetails,
  FlexOriginNotAllowedError,
  type FlexOriginProblem,
  FlexRateLimitError,
  FlexRequestError,
  FlexServerError,
  FlexTimeoutError,
  FlexUnexpectedResponseError,
} from './errors.js'
export type {
  FlexClientHooks,
  FlexOperation,
  FlexRequestEvent,
  FlexResponseEvent,
} from './flex-client-hooks.js'
export type { FlexClientOptions } from './read-client-options.js'
export type { TransientTokenResponseOptions } from './read-common-session-members.js'
export type { FlexCredentials } from './read-credentials.js'
export type { FlexApiResponse } from './read-json-response.js'
export type {
  MicroformPaymentType,
  MicroformSessionOptions,
} from './read-microform-session-options.js'
export type { FlexRequestMethod, FlexRequestOptions } from './read-request-options.js'
export type {
  UnifiedCheckoutCaptureMandate,
  UnifiedCheckoutPaymentType,
  UnifiedCheckoutSessionOptions,
} from './read-unified-checkout-session-options.js'

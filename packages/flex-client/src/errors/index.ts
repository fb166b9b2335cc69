export { describeHttpFailure } from './describe-http-failure.js'
export { FlexAuthenticationError } from './flex-authentication-error.js'
export {
  FLEX_HTTP_REASONS,
  FlexHttpError,
  type FlexHttpErrorDetails,
  type FlexHttpReason,
} from './flex-http-error.js'
export { FlexNetworkError, type FlexNetworkErrorDetails } from './flex-network-error.js'
export {
  FlexOriginNotAllowedError,
  type FlexOriginProblem,
} from './flex-origin-not-allowed-error.js'
export { FlexRateLimitError } from './flex-rate-limit-error.js'
export { FlexRequestError } from './flex-request-error.js'
export { FlexServerError } from './flex-server-error.js'
export { FlexTimeoutError } from './flex-timeout-error.js'
export { FlexUnexpectedResponseError } from './flex-unexpected-response-error.js'

export type { FlexAuthentication } from './create-authentication-headers.js'
export { createFlexClient, type FlexClient } from './create-flex-client.js'
export {
  FlexAuthenticationError,
  FlexCaptureContextError,
  FlexHttpError,
  type FlexHttpErrorDetails,
  FlexNetworkError,
  FlexOriginNotAllowedError,
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
export type { FlexClientOptions, FlexRetryOptions } from './read-client-options.js'
export type { FlexCredentials } from './read-credentials.js'

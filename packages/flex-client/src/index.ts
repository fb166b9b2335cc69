export type { FlexAuthentication } from './create-authentication-headers.js'
export {
  createFlexClient,
  type FlexClient,
  type FlexClientHooks,
  type FlexClientOptions,
  type FlexCredentials,
  type FlexOperation,
  type FlexRequestEvent,
  type FlexResponseEvent,
  type FlexRetryOptions,
} from './create-flex-client.js'
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

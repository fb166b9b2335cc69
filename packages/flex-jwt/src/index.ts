export type {
  CaptureContext,
  CaptureContextClaims,
  CaptureContextEntry,
  CardNetworkName,
  CurrentDateOption,
  FlexEnvironment,
  FlexPublicJwk,
  FlexRetryOption,
  FlexRetryOptions,
  MaskedCard,
  TransientToken,
  TransientTokenClaims,
} from 'flex-types'
export {
  FLEX_CAPTURE_CONTEXT_REASONS,
  FLEX_ERROR_CODES,
  FlexCaptureContextError,
  type FlexCaptureContextErrorCode,
  type FlexCaptureContextReason,
  FlexError,
  type FlexErrorCode,
  isFlexError,
} from 'flex-types'
export {
  createPublicKeyResolver,
  type PublicKeyCache,
  type PublicKeyCacheEntry,
  type PublicKeyResolver,
  type PublicKeyResolverOptions,
} from './create-public-key-resolver.js'
export { decodeTokenUnverified, type UnverifiedToken } from './decode-token-unverified.js'
export {
  FLEX_VERIFICATION_REASONS,
  FlexVerificationError,
  type FlexVerificationErrorDetails,
  type FlexVerificationReason,
} from './errors.js'
export type {
  CaptureContextData,
  FlexApiContextData,
  MicroformContextData,
  OtherContextData,
  UnifiedCheckoutContextData,
  VerifiedCaptureContext,
} from './read-context-data.js'
export {
  type VerifyCaptureContextOptions,
  verifyCaptureContext,
} from './verify-capture-context.js'
export {
  type VerifyTransientTokenOptions,
  verifyTransientToken,
} from './verify-transient-token.js'

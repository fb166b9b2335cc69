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
  FlexStorage,
  MaskedCard,
  TransientToken,
  TransientTokenClaims,
} from 'flex-types'
export {
  FLEX_CAPTURE_CONTEXT_REASONS,
  FLEX_ERROR_CODES,
  FLEX_STORAGE_REASONS,
  FlexCaptureContextError,
  type FlexCaptureContextErrorCode,
  type FlexCaptureContextReason,
  FlexError,
  type FlexErrorCode,
  FlexStorageError,
  type FlexStorageReason,
  isFlexError,
} from 'flex-types'
export {
  type CaptureContextStore,
  type CaptureContextStoreOptions,
  createCaptureContextStore,
  type SaveCaptureContextOptions,
} from './create-capture-context-store.js'
export { createMemoryStorage, type MemoryStorageOptions } from './create-memory-storage.js'
export {
  createPublicKeyResolver,
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
export type { StoredCaptureContext } from './find-stored-capture-context.js'
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
  type StoredTransientToken,
  type VerifyStoredTransientTokenOptions,
  type VerifyTransientTokenOptions,
  verifyTransientToken,
} from './verify-transient-token.js'

// Temporary: create-public-key-resolver.ts (branch jwt-resolver) still imports this path. The
// merge of jwt-resolver points it at ./errors.js; delete this file then.
export {
  FLEX_VERIFICATION_REASONS,
  FlexVerificationError,
  type FlexVerificationReason,
} from './errors.js'

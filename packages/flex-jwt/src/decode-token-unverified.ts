import { createUsageError, isJsonObject } from 'flex-types/internal'
import { FLEX_VERIFICATION_REASONS, FlexVerificationError } from './errors.js'
import { parseCompactToken } from './parse-compact-token.js'

/** The decoded parts of a token whose signature was NOT checked. */
export interface UnverifiedToken {
  header: Record<string, unknown>
  claims: Record<string, unknown>
}

/**
 * Decodes a capture context or transient token WITHOUT verifying it, for debugging and logs of
 * non-sensitive claims. Nothing it returns can be trusted: use `verifyCaptureContext` or
 * `verifyTransientToken` for decisions. Applies the same size and shape refusals.
 *
 * @throws {FlexVerificationError} `malformed` when the token is not a compact JWT.
 * @throws {TypeError} `ERR_INVALID_ARG_VALUE` when `jwt` is not a string.
 * @example
 * ```ts
 * import { decodeTokenUnverified } from 'flex-jwt'
 *
 * const { header, claims } = decodeTokenUnverified(jwt)
 * console.log(header.kid, claims.exp) // untrusted, for debugging only
 * ```
 */
export function decodeTokenUnverified(jwt: string): UnverifiedToken {
  if (typeof jwt !== 'string')
    throw createUsageError('decodeTokenUnverified', 'jwt', 'must be a string')
  const { header, payload } = parseCompactToken(jwt)
  if (!isJsonObject(payload)) {
    throw new FlexVerificationError(
      FLEX_VERIFICATION_REASONS.MALFORMED,
      'the token payload is not a JSON object',
    )
  }
  return { header, claims: payload }
}

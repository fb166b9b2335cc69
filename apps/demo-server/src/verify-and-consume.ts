import {
  FLEX_ERROR_CODES,
  FLEX_VERIFICATION_REASONS,
  FlexVerificationError,
  type StoredTransientToken,
} from 'flex-jwt'
import type { FlexFunctions } from './flex-functions.js'

/** The store calls of the flow: a token's context looked up by kid, and its one-time use. */
export type StoreCalls = Pick<FlexFunctions, 'verifyTransientToken' | 'consumeTransientToken'>

const REFERENCE = /^[A-Za-z0-9_-]{8,64}$/

/**
 * A new form reference: a random id that one payment form carries and that its capture contexts
 * are saved with, so that the token posted back is tied to that form on any server of the fleet.
 *
 * @example
 * ```ts
 * newFormReference() // 'tf_3f9a0c…' (35 characters)
 * ```
 */
export function newFormReference(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return `tf_${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`
}

/**
 * Reads a posted form reference: 8 to 64 letters, digits, `_` or `-`; anything else is `undefined`.
 *
 * @example
 * ```ts
 * readFormReference(body.reference) ?? refuse()
 * ```
 */
export function readFormReference(value: unknown): string | undefined {
  return typeof value === 'string' && REFERENCE.test(value) ? value : undefined
}

/**
 * Verifies a transient token through the capture-context store (its context found by the kid the
 * token names, saved by any server that shares the storage) and checks that it was made for
 * `reference`: a token of another form is `capture-context-mismatch` (`claim: 'reference'`).
 *
 * @example
 * ```ts
 * const token = await verifyForReference(functions, jwt, reference)
 * ```
 */
export async function verifyForReference(
  functions: StoreCalls,
  jwt: string,
  reference: string,
): Promise<StoredTransientToken> {
  const token = await functions.verifyTransientToken(jwt)
  if (token.reference !== reference) {
    throw new FlexVerificationError(
      FLEX_VERIFICATION_REASONS.CAPTURE_CONTEXT_MISMATCH,
      'the transient token was made for another payment form',
      { claim: 'reference' },
    )
  }
  return token
}

/**
 * Verifies a posted transient token for `reference` (see `verifyForReference`), then consumes it
 * once across the fleet: call it right before paying, and pay only when it resolved. A token
 * posted a second time, to this server or another, is `ERR_FLEX_TOKEN_ALREADY_USED`; a failing
 * storage is `ERR_FLEX_STORAGE_FAILED` and nothing is verified or consumed.
 *
 * @example
 * ```ts
 * const token = await verifyAndConsume(deps, body.transientToken, reference)
 * await takePayment(deps.paymentsClient, jwt, token.captureContext, request, now)
 * ```
 */
export async function verifyAndConsume(
  functions: StoreCalls,
  jwt: string,
  reference: string,
): Promise<StoredTransientToken> {
  const token = await verifyForReference(functions, jwt, reference)
  await functions.consumeTransientToken(token)
  return token
}

/**
 * The HTTP status of a refused token, by error code: used again 409, storage down 503, a token
 * that cannot be used (invalid, expired, unknown or expired capture context) 422, a key server
 * that cannot be reached 502, anything else 500.
 *
 * @example
 * ```ts
 * refusalStatus('ERR_FLEX_TOKEN_ALREADY_USED') // 409
 * ```
 */
export function refusalStatus(code: string): 409 | 422 | 500 | 502 | 503 {
  switch (code) {
    case FLEX_ERROR_CODES.TOKEN_ALREADY_USED:
      return 409
    case FLEX_ERROR_CODES.STORAGE_FAILED:
      return 503
    case FLEX_ERROR_CODES.TOKEN_INVALID:
    case FLEX_ERROR_CODES.TOKEN_EXPIRED:
    case FLEX_ERROR_CODES.CAPTURE_CONTEXT_EXPIRED:
    case FLEX_ERROR_CODES.KEY_NOT_FOUND:
    case FLEX_ERROR_CODES.KEY_INVALID:
      return 422
    case FLEX_ERROR_CODES.KEY_FETCH_FAILED:
      return 502
    default:
      return 500
  }
}

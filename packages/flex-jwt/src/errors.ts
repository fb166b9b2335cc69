import { FLEX_ERROR_CODES, FlexError, type FlexErrorCode } from 'flex-types'
import { containsCardLikeDigits } from 'flex-types/internal'

/**
 * Why a token or a key was refused, as a closed `as const` list.
 *
 * @example
 * ```ts
 * if (error.reason === FLEX_VERIFICATION_REASONS.EXPIRED) return redirectToCheckout()
 * ```
 */
export const FLEX_VERIFICATION_REASONS = {
  /** Not a compact JWS of the accepted shape: size, segments, alphabet, strict JSON. */
  MALFORMED: 'malformed',
  /** The header `alg` is not exactly `RS256`. */
  ALG_NOT_ALLOWED: 'alg-not-allowed',
  /** The header carries `jwk`, `jku`, `x5u`, `x5c` or `crit`. */
  HEADER_NOT_ALLOWED: 'header-not-allowed',
  /** The header `kid` is missing or not 1–64 characters of `[A-Za-z0-9._-]`. */
  KID_INVALID: 'kid-invalid',
  /** No public key exists for the `kid`. */
  KEY_NOT_FOUND: 'key-not-found',
  /** A transient token not issued for the capture context given (its `kid` is not that key). */
  CAPTURE_CONTEXT_MISMATCH: 'capture-context-mismatch',
  /** No saved capture context has the transient token's `kid` (never saved, or expired). */
  CAPTURE_CONTEXT_NOT_FOUND: 'capture-context-not-found',
  /** The transient token was already consumed by this or another server sharing the storage. */
  TOKEN_ALREADY_USED: 'token-already-used',
  /** The key is unusable: not RSA, e ≠ 65537, wrong size, ROCA, private members, wrong kid. */
  KEY_INVALID: 'key-invalid',
  /** The key could not be fetched: network, timeout, redirect, bad status or body. */
  KEY_FETCH_FAILED: 'key-fetch-failed',
  /** Too many unknown kids were looked up recently; no request was made. */
  KEY_FETCH_THROTTLED: 'key-fetch-throttled',
  /** The signature does not verify with the key. */
  BAD_SIGNATURE: 'bad-signature',
  /**
   * A transient token's `exp` is in the past (beyond the clock tolerance). An expired capture
   * context is a `FlexCaptureContextError` instead, as in every package.
   */
  EXPIRED: 'expired',
  /** `iat` or `nbf` is in the future (beyond the clock tolerance). */
  NOT_YET_VALID: 'not-yet-valid',
  /** A transient token where a capture context was expected, or the reverse. */
  WRONG_TOKEN_KIND: 'wrong-token-kind',
  /** A claim is missing, malformed or absurd, such as a far `exp` (see `claim`). */
  CLAIM_INVALID: 'claim-invalid',
} as const

/** One of `FLEX_VERIFICATION_REASONS`. */
export type FlexVerificationReason =
  (typeof FLEX_VERIFICATION_REASONS)[keyof typeof FLEX_VERIFICATION_REASONS]

const CODES: Record<FlexVerificationReason, FlexErrorCode> = {
  malformed: FLEX_ERROR_CODES.TOKEN_INVALID,
  'alg-not-allowed': FLEX_ERROR_CODES.TOKEN_INVALID,
  'header-not-allowed': FLEX_ERROR_CODES.TOKEN_INVALID,
  'kid-invalid': FLEX_ERROR_CODES.TOKEN_INVALID,
  'key-not-found': FLEX_ERROR_CODES.KEY_NOT_FOUND,
  'capture-context-mismatch': FLEX_ERROR_CODES.TOKEN_INVALID,
  'capture-context-not-found': FLEX_ERROR_CODES.TOKEN_INVALID,
  'token-already-used': FLEX_ERROR_CODES.TOKEN_ALREADY_USED,
  'key-invalid': FLEX_ERROR_CODES.KEY_INVALID,
  'key-fetch-failed': FLEX_ERROR_CODES.KEY_FETCH_FAILED,
  'key-fetch-throttled': FLEX_ERROR_CODES.KEY_FETCH_FAILED,
  'bad-signature': FLEX_ERROR_CODES.TOKEN_INVALID,
  expired: FLEX_ERROR_CODES.TOKEN_EXPIRED,
  'not-yet-valid': FLEX_ERROR_CODES.TOKEN_INVALID,
  'wrong-token-kind': FLEX_ERROR_CODES.TOKEN_INVALID,
  'claim-invalid': FLEX_ERROR_CODES.TOKEN_INVALID,
}

/** Safe details of a verification failure: identifiers and statuses, never values. */
export interface FlexVerificationErrorDetails {
  /** The claim or header member at fault, by name. */
  claim?: string
  /** The key id that was looked up (a public identifier such as `3g`). */
  kid?: string
  /** The HTTP status of a failed key fetch. */
  status?: number
  /** A network failure of a key fetch (never a jose error, which may hold the payload). */
  cause?: unknown
}

const MARKER = 'flex.error.verification'

/**
 * A capture context, a transient token or a public key was refused. `reason` says why (one of
 * `FLEX_VERIFICATION_REASONS`), `code` is the stable Flex error code for it. Messages and
 * properties never contain the token, a claim value or key material.
 *
 * @example
 * ```ts
 * try {
 *   await verifyCaptureContext(jwt, { keys })
 * } catch (error) {
 *   if (FlexVerificationError.isInstance(error) && error.reason === 'expired') {
 *     // create a new session
 *   }
 * }
 * ```
 */
export class FlexVerificationError extends FlexError {
  override readonly name: string = 'FlexVerificationError'
  readonly reason: FlexVerificationReason
  readonly claim?: string
  readonly kid?: string
  readonly status?: number

  constructor(
    reason: FlexVerificationReason,
    message: string,
    details: FlexVerificationErrorDetails = {},
  ) {
    super(CODES[reason], message, 'cause' in details ? { cause: details.cause } : {})
    this.reason = reason
    if (details.claim !== undefined) this.claim = details.claim
    // A kid comes from a token anyone can forge: a card number put there must not reach a log.
    if (details.kid !== undefined && !containsCardLikeDigits(details.kid)) this.kid = details.kid
    if (details.status !== undefined) this.status = details.status
    FlexError.mark(this, MARKER)
  }

  /** True for a verification error from any copy of flex-jwt. */
  static override isInstance(value: unknown): value is FlexVerificationError {
    return FlexError.hasMarker(value, MARKER)
  }
}

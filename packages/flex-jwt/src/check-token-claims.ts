import {
  type CurrentDateOption,
  FLEX_CAPTURE_CONTEXT_REASONS,
  FlexCaptureContextError,
} from 'flex-types'
import { createUsageError, readCurrentDate } from 'flex-types/internal'
import { FLEX_VERIFICATION_REASONS, FlexVerificationError } from './errors.js'

/** `currentDate` and `clockTolerance` (seconds) shared by both verify functions. */
export interface TimeOptions {
  /** The instant to judge `exp`, `iat` and `nbf` at, or a function giving it. Default: now. */
  currentDate?: CurrentDateOption
  /** Seconds of clock skew allowed on `exp`, `iat` and `nbf`: 0 to 300. Default: 60. */
  clockTolerance?: number
}

/** The largest `clockTolerance`, in seconds (5 minutes). */
export const MAX_CLOCK_TOLERANCE = 300
/**
 * How far ahead of now `exp` may be, and the longest `exp - iat`, in seconds. Capture contexts and
 * transient tokens live 15 minutes; a day leaves room for any plausible change of that.
 */
export const MAX_TOKEN_LIFETIME = 86_400

export const TRANSIENT_TOKEN_ISSUER: RegExp = /^Flex\/\d{2}$/
export const CAPTURE_CONTEXT_ISSUER = 'Flex API'
/** What `flx.jwk` may declare as its `alg`: it encrypts the data and verifies the transient token. */
export const ONE_TIME_KEY_ALGORITHMS: readonly string[] = ['RSA-OAEP-256', 'RSA-OAEP', 'RS256']

export function claimInvalid(claim: string, message: string): FlexVerificationError {
  return new FlexVerificationError(FLEX_VERIFICATION_REASONS.CLAIM_INVALID, message, { claim })
}

export function wrongKind(message: string): FlexVerificationError {
  return new FlexVerificationError(FLEX_VERIFICATION_REASONS.WRONG_TOKEN_KIND, message)
}

/** Reads and checks the time options; a bad one is a usage error (`ERR_INVALID_ARG_VALUE`). */
export function readTimeOptions(
  caller: string,
  options: TimeOptions,
): { now: number; tolerance: number } {
  const { currentDate, clockTolerance = 60 } = options
  const now = readCurrentDate(caller, currentDate)
  if (
    typeof clockTolerance !== 'number' ||
    !Number.isFinite(clockTolerance) ||
    clockTolerance < 0 ||
    clockTolerance > MAX_CLOCK_TOLERANCE
  ) {
    throw createUsageError(
      caller,
      'clockTolerance',
      `must be a number of seconds from 0 to ${MAX_CLOCK_TOLERANCE}`,
    )
  }
  return { now: Math.floor(now() / 1000), tolerance: clockTolerance }
}

function numericDate(
  claims: Record<string, unknown>,
  name: string,
  required: boolean,
): number | undefined {
  const value = claims[name]
  if (value === undefined && !required) return undefined
  // Cybersource writes whole seconds; a fraction, a negative or an unsafe integer is not a date.
  if (!Number.isSafeInteger(value) || (value as number) < 0) {
    throw claimInvalid(name, `the ${name} claim must be a NumericDate in whole seconds`)
  }
  return value as number
}

/** Which token is checked, named in messages. */
export type TokenKind = 'capture context' | 'transient token'

function expired(kind: TokenKind): Error {
  // The same condition as flex-jwe's and flex-client's, so the same class and code.
  return kind === 'capture context'
    ? new FlexCaptureContextError(
        FLEX_CAPTURE_CONTEXT_REASONS.EXPIRED,
        'the capture context has expired; create a new session',
        { claim: 'exp' },
      )
    : new FlexVerificationError(
        FLEX_VERIFICATION_REASONS.EXPIRED,
        'the transient token has expired; capture the card again',
        { claim: 'exp' },
      )
}

/** Checks `exp`, `iat` (both required) and `nbf` against the clock; returns iat and exp. */
export function checkTimeClaims(
  kind: TokenKind,
  claims: Record<string, unknown>,
  time: { now: number; tolerance: number },
): { iat: number; exp: number } {
  const exp = numericDate(claims, 'exp', true) as number
  const iat = numericDate(claims, 'iat', true) as number
  const nbf = numericDate(claims, 'nbf', false)
  if (exp <= time.now - time.tolerance) {
    throw expired(kind)
  }
  if (iat > time.now + time.tolerance) {
    throw new FlexVerificationError(
      FLEX_VERIFICATION_REASONS.NOT_YET_VALID,
      `the ${kind} was issued in the future`,
      { claim: 'iat' },
    )
  }
  if (nbf !== undefined && nbf > time.now + time.tolerance) {
    throw new FlexVerificationError(
      FLEX_VERIFICATION_REASONS.NOT_YET_VALID,
      `the ${kind} is not valid yet`,
      { claim: 'nbf' },
    )
  }
  if (exp <= iat) throw claimInvalid('exp', 'the exp claim must be after iat')
  if (exp > time.now + MAX_TOKEN_LIFETIME || exp - iat > MAX_TOKEN_LIFETIME) {
    throw claimInvalid('exp', 'the exp claim is more than a day after now or after iat')
  }
  return { iat, exp }
}

export function isNonEmptyString(value: unknown, maxLength = 256): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= maxLength
}

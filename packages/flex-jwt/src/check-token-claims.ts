import { FLEX_VERIFICATION_REASONS, FlexVerificationError } from './flex-verification-error.js'

/** `currentDate` and `clockTolerance` (seconds) shared by both verify functions. */
export interface TimeOptions {
  currentDate?: Date
  clockTolerance?: number
}

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

/** Reads and checks the time options; throws TypeError for a programmer error. */
export function readTimeOptions(
  caller: string,
  options: TimeOptions,
): { now: number; tolerance: number } {
  const { currentDate, clockTolerance = 60 } = options
  if (
    currentDate !== undefined &&
    !(currentDate instanceof Date && !Number.isNaN(currentDate.getTime()))
  ) {
    throw new TypeError(`${caller}: currentDate must be a valid Date`)
  }
  if (
    typeof clockTolerance !== 'number' ||
    !Number.isFinite(clockTolerance) ||
    clockTolerance < 0
  ) {
    throw new TypeError(`${caller}: clockTolerance must be a non-negative number of seconds`)
  }
  return {
    now: Math.floor((currentDate?.getTime() ?? Date.now()) / 1000),
    tolerance: clockTolerance,
  }
}

function numericDate(
  claims: Record<string, unknown>,
  name: string,
  required: boolean,
): number | undefined {
  const value = claims[name]
  if (value === undefined && !required) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw claimInvalid(name, `the ${name} claim must be a NumericDate`)
  }
  return value
}

/** Checks `exp`, `iat` (both required) and `nbf` against the clock; returns iat and exp. */
export function checkTimeClaims(
  claims: Record<string, unknown>,
  time: { now: number; tolerance: number },
): { iat: number; exp: number } {
  const exp = numericDate(claims, 'exp', true) as number
  const iat = numericDate(claims, 'iat', true) as number
  const nbf = numericDate(claims, 'nbf', false)
  if (exp <= time.now - time.tolerance) {
    throw new FlexVerificationError(FLEX_VERIFICATION_REASONS.EXPIRED, 'the token has expired', {
      claim: 'exp',
    })
  }
  if (iat > time.now + time.tolerance) {
    throw new FlexVerificationError(
      FLEX_VERIFICATION_REASONS.NOT_YET_VALID,
      'the token was issued in the future',
      { claim: 'iat' },
    )
  }
  if (nbf !== undefined && nbf > time.now + time.tolerance) {
    throw new FlexVerificationError(
      FLEX_VERIFICATION_REASONS.NOT_YET_VALID,
      'the token is not valid yet',
      { claim: 'nbf' },
    )
  }
  if (exp <= iat) throw claimInvalid('exp', 'the exp claim must be after iat')
  return { iat, exp }
}

export function isNonEmptyString(value: unknown, maxLength = 256): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= maxLength
}

import { hasCybersourceKidShape } from './create-kid-fetch-allowance.js'
import {
  FLEX_VERIFICATION_REASONS,
  type FlexVerificationError,
  type FlexVerificationReason,
} from './errors.js'
import { keyFailure } from './fetch-public-key.js'

const MAX_OTHER_KIDS = 1_000
const FIRST_BACKOFF = 5_000

const MESSAGES: Partial<Record<FlexVerificationReason, string>> = {
  [FLEX_VERIFICATION_REASONS.KEY_NOT_FOUND]: 'no public key has this kid',
  [FLEX_VERIFICATION_REASONS.KEY_INVALID]:
    'the key for this kid was refused recently; it is fetched again after a backoff',
}

interface FailedKid {
  until: number
  reason: FlexVerificationReason
  failures: number
}

/** Kids whose last fetch failed, refused without a request until their entry runs out. */
export interface KidFailureCache {
  /** The error to answer with while the kid is refused, else `undefined`. */
  check(kid: string, now: number): FlexVerificationError | undefined
  /** Records a failed fetch: `key-not-found` for `notFoundDuration`, anything else for a backoff
   * that doubles from 5 s with each failure in a row, up to `notFoundDuration`. */
  record(kid: string, reason: FlexVerificationReason, now: number): void
  forget(kid: string): void
}

/**
 * Creates the cache of failed kids. Kids of Cybersource's shape (at most 1,296) are never evicted,
 * so a flood of them cannot make one be fetched again early; other kids are bounded to 1,000.
 */
export function createKidFailureCache(notFoundDuration: number): KidFailureCache {
  const shaped = new Map<string, FailedKid>()
  const other = new Map<string, FailedKid>()
  const mapOf = (kid: string) => (hasCybersourceKidShape(kid) ? shaped : other)
  return {
    check(kid, now) {
      const entry = mapOf(kid).get(kid)
      if (entry === undefined || entry.until <= now) return undefined
      const message =
        MESSAGES[entry.reason] ?? 'the key fetch failed recently; it is retried after a backoff'
      return keyFailure(entry.reason, message, kid)
    },
    record(kid, reason, now) {
      const map = mapOf(kid)
      const previous = map.get(kid)
      map.delete(kid)
      if (map === other && map.size >= MAX_OTHER_KIDS) map.delete(map.keys().next().value as string)
      const failures = (previous?.failures ?? 0) + 1
      const duration =
        reason === FLEX_VERIFICATION_REASONS.KEY_NOT_FOUND
          ? notFoundDuration
          : Math.min(notFoundDuration, FIRST_BACKOFF * 2 ** Math.min(failures - 1, 30))
      map.set(kid, { until: now + duration, reason, failures })
    },
    forget: (kid) => void mapOf(kid).delete(kid),
  }
}

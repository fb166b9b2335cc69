import { keyFailure } from './fetch-public-key.js'
import type { FlexVerificationError } from './flex-verification-error.js'
import {
  FLEX_VERIFICATION_REASONS,
  type FlexVerificationReason,
} from './flex-verification-error.js'

const MAX_FAILED_KIDS = 1_000

/** Kids whose last fetch failed, refused without a request until their entry runs out. */
export interface KidFailureCache {
  /** The error to answer with while the kid is remembered, else `undefined`. */
  check(kid: string, now: number): FlexVerificationError | undefined
  record(kid: string, reason: FlexVerificationReason, now: number): void
  forget(kid: string): void
}

/** Creates the cache of failed kids; each is remembered for `duration` milliseconds. */
export function createKidFailureCache(duration: number): KidFailureCache {
  const failed = new Map<string, { until: number; reason: FlexVerificationReason }>()
  return {
    check(kid, now) {
      const entry = failed.get(kid)
      if (entry === undefined || entry.until <= now) return undefined
      return keyFailure(
        entry.reason,
        entry.reason === FLEX_VERIFICATION_REASONS.KEY_INVALID
          ? 'the key for this kid was refused recently'
          : 'no public key has this kid',
        kid,
      )
    },
    record(kid, reason, now) {
      failed.delete(kid)
      if (failed.size >= MAX_FAILED_KIDS) failed.delete(failed.keys().next().value as string)
      failed.set(kid, { until: now + duration, reason })
    },
    forget: (kid) => void failed.delete(kid),
  }
}

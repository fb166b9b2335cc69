// Cybersource's long-term key ids are two lower-case letters or digits ('3g', 'zu', 'ln', 'wf',
// 'j4', 'sn'). There are only 1,296 such kids, and the failure cache keeps each refused one for its
// whole backoff, so they need no shared budget: a shared one would let forged kids of that shape
// spend the permit of a genuine new key.
const CYBERSOURCE_KID = /^[a-z0-9]{2}$/
const MAX_SERVED_KIDS = 1_000

/** Tells whether a kid has the shape of Cybersource's long-term key ids. */
export function hasCybersourceKidShape(kid: string): boolean {
  return CYBERSOURCE_KID.test(kid)
}

/** Decides which kids may be fetched now, before any signature could be checked. */
export interface KidFetchAllowance {
  /** Whether a fetch for this kid may start now; takes a permit when one is needed. */
  mayFetch(kid: string): boolean
  /** Records a kid the service (or the shared cache) served: it never needs a permit again. */
  markServed(kid: string): void
}

/** The allowance's settings: a bucket of `burst` permits refilled by one per `interval` ms. */
export interface KidFetchAllowanceOptions {
  burst: number
  interval: number
  now: () => number
}

function createBucket(burst: number, interval: number, start: number) {
  let permits = burst
  let refilledAt = start
  return function takePermit(at: number): boolean {
    const earned = Math.floor((at - refilledAt) / interval)
    if (earned > 0) {
      permits = Math.min(burst, permits + earned)
      refilledAt = permits === burst ? at : refilledAt + earned * interval
    } else if (at < refilledAt) {
      refilledAt = at
    }
    if (permits < 1) return false
    permits -= 1
    return true
  }
}

/**
 * Creates the fetch allowance. A kid that was served once may always be fetched again, and so may a
 * kid of Cybersource's shape (its requests are bounded per kid by the failure cache: at most one
 * per backoff for each of the 1,296 possible kids). Every other kid takes a permit from one bucket
 * of `burst` permits, refilled by one per `interval`, so a flood of random kids turns into a
 * handful of requests and can never spend anything a kid of Cybersource's shape needs.
 */
export function createKidFetchAllowance(options: KidFetchAllowanceOptions): KidFetchAllowance {
  const { burst, interval, now } = options
  const served = new Set<string>()
  const start = now()
  const takeOther = createBucket(burst, interval, start)
  return {
    mayFetch(kid) {
      if (served.has(kid) || hasCybersourceKidShape(kid)) return true
      return takeOther(now())
    },
    markServed(kid) {
      served.delete(kid)
      if (served.size >= MAX_SERVED_KIDS) served.delete(served.values().next().value as string)
      served.add(kid)
    },
  }
}

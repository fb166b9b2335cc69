// Cybersource's long-term key ids are two lower-case letters or digits ('3g', 'zu', 'ln', 'wf',
// 'j4', 'sn'); random kids from a flood mostly are not, so they get a separate budget.
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
 * Creates the fetch allowance. A kid that was served once may always be fetched again. Other
 * kids take a permit from one of two buckets of `burst` permits, refilled by one per `interval`:
 * one for kids of Cybersource's shape, one for all other kids. A flood of random kids thus turns
 * into a handful of requests and cannot spend the permits of the kids the service uses.
 */
export function createKidFetchAllowance(options: KidFetchAllowanceOptions): KidFetchAllowance {
  const { burst, interval, now } = options
  const served = new Set<string>()
  const start = now()
  const takeShaped = createBucket(burst, interval, start)
  const takeOther = createBucket(burst, interval, start)
  return {
    mayFetch(kid) {
      if (served.has(kid)) return true
      return hasCybersourceKidShape(kid) ? takeShaped(now()) : takeOther(now())
    },
    markServed(kid) {
      served.delete(kid)
      if (served.size >= MAX_SERVED_KIDS) served.delete(served.values().next().value as string)
      served.add(kid)
    },
  }
}

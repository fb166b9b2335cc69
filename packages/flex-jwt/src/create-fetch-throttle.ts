/** A token bucket for fetches of never-seen kids. */
export interface FetchThrottle {
  /** Takes one fetch permit, or tells that none is left. */
  take(now: number): boolean
}

/** A bucket of `burst` permits, refilled by one per `interval` milliseconds. */
export function createFetchThrottle(burst: number, interval: number, now: number): FetchThrottle {
  let permits = burst
  let refilledAt = now
  return {
    take(at: number): boolean {
      const earned = Math.floor((at - refilledAt) / interval)
      if (earned > 0) {
        permits = Math.min(burst, permits + earned)
        refilledAt = permits === burst ? at : refilledAt + earned * interval
      }
      if (permits < 1) return false
      permits -= 1
      return true
    },
  }
}

/** The ids (`jti`) of merchant JWTs already accepted, kept while a replay could still pass. */
export interface JwtIdRegister {
  /**
   * Records `id` as used until `untilSeconds`; `false` when it was already recorded and is still
   * within that time (a replay).
   */
  remember(id: string, untilSeconds: number, nowSeconds: number): boolean
}

/**
 * Creates an empty register. Entries are dropped once their time has passed (at most one sweep
 * per second), and past `maxEntries` the oldest go first, so memory stays bounded under load.
 */
export function createJwtIdRegister(maxEntries = 100_000): JwtIdRegister {
  const seen = new Map<string, number>()
  let sweptAt = Number.NEGATIVE_INFINITY
  return {
    remember(id, untilSeconds, nowSeconds) {
      const until = seen.get(id)
      if (until !== undefined && until >= nowSeconds) return false
      if (nowSeconds !== sweptAt) {
        sweptAt = nowSeconds
        for (const [known, knownUntil] of seen) if (knownUntil < nowSeconds) seen.delete(known)
      }
      seen.delete(id)
      seen.set(id, untilSeconds)
      for (const oldest of seen.keys()) {
        if (seen.size <= maxEntries) break
        seen.delete(oldest)
      }
      return true
    },
  }
}

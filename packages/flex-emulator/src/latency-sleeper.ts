/** The waits of injected latency, which `close()` ends at once. */
export interface LatencySleeper {
  /** Resolves after `milliseconds`, or as soon as `wakeAll` runs. */
  sleep(milliseconds: number): Promise<void>
  /** Clears every pending timer and resolves its wait. */
  wakeAll(): void
  /** How many waits are pending. */
  readonly pending: number
}

/** Creates a sleeper with no pending waits. */
export function createLatencySleeper(): LatencySleeper {
  const sleeping = new Map<ReturnType<typeof setTimeout>, () => void>()
  return {
    sleep: (milliseconds) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          sleeping.delete(timer)
          resolve()
        }, milliseconds)
        sleeping.set(timer, resolve)
      }),
    wakeAll() {
      for (const [timer, wake] of sleeping) {
        clearTimeout(timer)
        wake()
      }
      sleeping.clear()
    },
    get pending() {
      return sleeping.size
    },
  }
}

import { createUsageError } from 'flex-types/internal'

/**
 * The emulator's notion of "now" for capture contexts and transient tokens. Tests move it to
 * reach expiry without waiting; merchant authentication keeps using the real clock.
 */
export interface EmulatorClock {
  /** The emulator's current time. */
  now(): Date
  /** Moves the clock forward (or back, with a negative value) by `milliseconds`. */
  advance(milliseconds: number): void
  /** Sets the clock to `date`; it keeps running from there. */
  set(date: Date): void
  /** Puts the clock back on real time. */
  reset(): void
}

/** Creates a clock that runs with real time plus an offset that tests can move. */
export function createEmulatorClock(): EmulatorClock {
  let offset = 0
  return {
    now: () => new Date(Date.now() + offset),
    advance(milliseconds) {
      if (!Number.isFinite(milliseconds)) {
        throw createUsageError('clock.advance', 'milliseconds', 'must be a finite number')
      }
      offset += milliseconds
    },
    set(date) {
      if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
        throw createUsageError('clock.set', 'date', 'must be a valid Date')
      }
      offset = date.getTime() - Date.now()
    },
    reset() {
      offset = 0
    },
  }
}

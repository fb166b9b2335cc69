import type { LatencySleeper } from './latency-sleeper.js'
import type { FlexEmulator } from './start-flex-emulator.js'

/** What the package's own tests may observe of a running emulator (not exported publicly). */
export interface EmulatorInternals {
  readonly sleeper: LatencySleeper
  requestsInFlight(): number
  openConnections(): Promise<number>
}

/** The internals of each emulator started in this process, by emulator. */
export const emulatorInternals: WeakMap<FlexEmulator, EmulatorInternals> = new WeakMap()

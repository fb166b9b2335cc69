import { afterAll, beforeAll } from 'vitest'
import {
  type FlexEmulator,
  type FlexEmulatorOptions,
  startFlexEmulator,
} from '../start-flex-emulator.js'

/** A suite's emulator (available from `beforeAll` on) and the log lines it wrote. */
export interface RunningEmulator {
  readonly emulator: FlexEmulator
  readonly lines: string[]
}

/**
 * Starts one emulator for the calling suite (fast keys, log lines collected) in `beforeAll` and
 * closes it in `afterAll`; `options` are added to those defaults.
 */
export function useEmulator(options: FlexEmulatorOptions = {}): RunningEmulator {
  const lines: string[] = []
  let started: FlexEmulator | undefined
  beforeAll(async () => {
    started = await startFlexEmulator({
      keyPool: { reuseKeys: true, size: 1 },
      log: (line) => lines.push(line),
      ...options,
    })
  })
  afterAll(() => started?.close())
  return {
    get emulator(): FlexEmulator {
      if (started === undefined) throw new Error('useEmulator: the emulator starts in beforeAll')
      return started
    },
    lines,
  }
}

import { createFlexClient, type FlexClient } from 'flex-client'
import { type FlexEmulator, startFlexEmulator } from 'flex-emulator'
import { expectNoSensitiveData, SENTINEL_SECURITY_CODE } from 'test-utils'
import { afterAll, beforeAll } from 'vitest'
import { issueEmulatorToken } from './issue-emulator-token.js'

/** The 3-digit security code these suites send (a Visa-length code). */
export const SECURITY_CODE: string = SENTINEL_SECURITY_CODE.slice(0, 3)

/** What `usePaymentsEmulator` gives a suite. */
export interface PaymentsEmulator {
  emulator: () => FlexEmulator
  /** The emulator's log lines. */
  lines: string[]
  /** The transient tokens issued so far. */
  tokens: string[]
  client: (timeout?: number) => FlexClient
  /** A transient token from the real flow, remembered for the log scan. */
  issueToken: (number: string, securityCode: string) => Promise<string>
}

/**
 * A real emulator for the suite (started before, closed after), its log lines, the tokens issued
 * and a flex-client on it; after the suite, the log must hold no token and no security code.
 */
export function usePaymentsEmulator(): PaymentsEmulator {
  const state = { emulator: undefined as FlexEmulator | undefined }
  const lines: string[] = []
  const tokens: string[] = []
  beforeAll(async () => {
    state.emulator = await startFlexEmulator({
      keyPool: { reuseKeys: true },
      log: (line) => lines.push(line),
    })
  })
  afterAll(async () => {
    await state.emulator?.close()
    expectNoSensitiveData(lines.join('\n'), [...tokens, SECURITY_CODE])
  })
  const emulator = (): FlexEmulator => {
    if (!state.emulator) throw new Error('the emulator is not started')
    return state.emulator
  }
  return {
    emulator: emulator,
    lines: lines,
    tokens: tokens,
    client: (timeout?: number): FlexClient =>
      createFlexClient({
        origin: emulator().url,
        credentials: emulator().merchant,
        ...(timeout === undefined ? {} : { timeout }),
      }),
    async issueToken(number: string, securityCode: string): Promise<string> {
      const token = await issueEmulatorToken(emulator(), number, securityCode)
      tokens.push(token)
      return token
    },
  }
}

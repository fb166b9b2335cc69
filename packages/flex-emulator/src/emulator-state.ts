import type { EmulatorClock } from './emulator-clock.js'
import type { InspectedTransientToken } from './inspected-transient-token.js'
import type { CaptureContextRecord } from './issue-capture-context.js'
import type { JwtIdRegister } from './jwt-id-register.js'
import type { KeyPool } from './key-pool.js'
import type { FlexEmulatorMerchant } from './merchant-credentials.js'
import type { SigningKeyRing } from './signing-key-ring.js'

/** The emulator's memory, shared by the route handlers. */
export interface EmulatorState {
  /** `flx.origin`: the emulator's own URL. */
  origin: string
  merchantsByKeyId: ReadonlyMap<string, FlexEmulatorMerchant>
  /** The merchant JWT ids already accepted (replays are refused). */
  usedJwtIds: JwtIdRegister
  clock: EmulatorClock
  keyPool: KeyPool
  signingKeys: SigningKeyRing
  contextsByJwt: Map<string, CaptureContextRecord>
  contextsByKid: Map<string, CaptureContextRecord>
  transientTokens: Map<string, InspectedTransientToken>
  maxUsesPerCaptureContext: number
  sealKey: Uint8Array
  /** The `NN` of the transient tokens' `Flex/NN` issuer. */
  issuerNumber: string
  /** When `pruneState` last ran (performance.now()). */
  lastPrunedAt: number
}

// Expired records are kept a while so a late request hears "expired", not "not found".
const RETENTION_AFTER_EXPIRY_SECONDS = 900
const MAX_RECORDS = 20_000

/** Forgets expired capture contexts and transient tokens, and the oldest past a size bound. */
export function pruneState(state: EmulatorState): void {
  const started = performance.now()
  if (started - state.lastPrunedAt < 1000 && state.contextsByJwt.size <= MAX_RECORDS) return
  state.lastPrunedAt = started
  const cutoff = Math.floor(state.clock.now().getTime() / 1000) - RETENTION_AFTER_EXPIRY_SECONDS
  for (const record of state.contextsByJwt.values()) {
    if (record.expiresAt < cutoff || state.contextsByJwt.size > MAX_RECORDS) {
      state.contextsByJwt.delete(record.jwt)
      state.contextsByKid.delete(record.kid)
    }
  }
  for (const [jti, record] of state.transientTokens) {
    if (record.expiresAt.getTime() / 1000 < cutoff || state.transientTokens.size > MAX_RECORDS) {
      state.transientTokens.delete(jti)
    }
  }
}

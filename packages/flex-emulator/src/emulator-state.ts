import { randomBytes } from 'node:crypto'
import type { EmulatorClock } from './emulator-clock.js'
import type { InspectedTransientToken } from './inspected-transient-token.js'
import type { CaptureContextRecord } from './issue-capture-context.js'
import { createJwtIdRegister, type JwtIdRegister } from './jwt-id-register.js'
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

/** Creates the empty state of a new emulator. */
export function createEmulatorState(input: {
  merchants: readonly FlexEmulatorMerchant[]
  clock: EmulatorClock
  keyPool: KeyPool
  signingKeys: SigningKeyRing
  maxUsesPerCaptureContext: number
}): EmulatorState {
  return {
    origin: '',
    merchantsByKeyId: new Map(input.merchants.map((merchant) => [merchant.keyId, merchant])),
    usedJwtIds: createJwtIdRegister(),
    clock: input.clock,
    keyPool: input.keyPool,
    signingKeys: input.signingKeys,
    contextsByJwt: new Map(),
    contextsByKid: new Map(),
    transientTokens: new Map(),
    maxUsesPerCaptureContext: input.maxUsesPerCaptureContext,
    sealKey: randomBytes(32),
    issuerNumber: String(Math.floor(Math.random() * 100)).padStart(2, '0'),
    lastPrunedAt: 0,
  }
}

// Expired records are kept a while so a late request hears "expired", not "not found".
const RETENTION_AFTER_EXPIRY_SECONDS = 900
const MAX_RECORDS = 20_000

/**
 * Forgets capture contexts and transient tokens once past their retention (a sweep at most once
 * a second), and the oldest first past `maxRecords` each (maps iterate in insertion order, so
 * that costs one deletion per new record, not a scan).
 */
export function pruneState(state: EmulatorState, maxRecords: number = MAX_RECORDS): void {
  const started = performance.now()
  if (started - state.lastPrunedAt >= 1000) {
    state.lastPrunedAt = started
    const cutoff = Math.floor(state.clock.now().getTime() / 1000) - RETENTION_AFTER_EXPIRY_SECONDS
    for (const record of state.contextsByJwt.values()) {
      if (record.expiresAt < cutoff) forgetContext(state, record)
    }
    for (const [jti, record] of state.transientTokens) {
      if (record.expiresAt.getTime() / 1000 < cutoff) state.transientTokens.delete(jti)
    }
  }
  for (const record of state.contextsByJwt.values()) {
    if (state.contextsByJwt.size <= maxRecords) break
    forgetContext(state, record)
  }
  for (const jti of state.transientTokens.keys()) {
    if (state.transientTokens.size <= maxRecords) break
    state.transientTokens.delete(jti)
  }
}

function forgetContext(state: EmulatorState, record: CaptureContextRecord): void {
  state.contextsByJwt.delete(record.jwt)
  state.contextsByKid.delete(record.kid)
}

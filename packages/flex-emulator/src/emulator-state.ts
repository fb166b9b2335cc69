import { randomBytes } from 'node:crypto'
import type { EmulatorClock } from './emulator-clock.js'
import type { InspectedTransientToken } from './inspected-transient-token.js'
import type { CaptureContextRecord } from './issue-capture-context.js'
import { createJwtIdRegister, type JwtIdRegister } from './jwt-id-register.js'
import type { KeyPool } from './key-pool.js'
import type { FlexEmulatorMerchant } from './merchant-credentials.js'
import { createPaymentStore, type PaymentStore } from './payment-record.js'
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
  /** At most this many capture contexts are kept (and as many forgotten kids). */
  maxCaptureContexts: number
  /**
   * The one-time kids of capture contexts forgotten (expired long ago, or evicted past
   * `maxCaptureContexts`), so a late use hears "expired" rather than "cannot decrypt".
   */
  forgottenKids: Set<string>
  /** When `pruneState` last swept (performance.now()); an object, shared by per-request views. */
  pruning: { lastAt: number }
  /** Payments, their follow-ons and the transient tokens used, bounded by `maxPayments`. */
  payments: PaymentStore
}

/** Creates the empty state of a new emulator. */
export function createEmulatorState(input: {
  merchants: readonly FlexEmulatorMerchant[]
  clock: EmulatorClock
  keyPool: KeyPool
  signingKeys: SigningKeyRing
  maxUsesPerCaptureContext: number
  maxCaptureContexts: number
  maxPayments?: number
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
    maxCaptureContexts: input.maxCaptureContexts,
    forgottenKids: new Set(),
    pruning: { lastAt: 0 },
    payments: createPaymentStore(input.maxPayments ?? 10_000),
  }
}

// Expired records are kept a while so a late request hears "expired", not "not found".
const RETENTION_AFTER_EXPIRY_SECONDS = 900

/**
 * Forgets capture contexts and transient tokens once past their retention (a sweep at most once
 * a second), and makes room for one more of each under `maxCaptureContexts`: expired contexts go
 * first, then the oldest valid ones; the oldest transient tokens (maps iterate in insertion
 * order).
 * The kids of forgotten contexts are remembered, as many as there are contexts at most.
 */
export function pruneState(state: EmulatorState): void {
  const started = performance.now()
  const nowSeconds = Math.floor(state.clock.now().getTime() / 1000)
  if (started - state.pruning.lastAt >= 1000) {
    state.pruning.lastAt = started
    const cutoff = nowSeconds - RETENTION_AFTER_EXPIRY_SECONDS
    for (const record of state.contextsByJwt.values()) {
      if (record.expiresAt < cutoff) forgetContext(state, record)
    }
    for (const [jti, record] of state.transientTokens) {
      if (record.expiresAt.getTime() / 1000 < cutoff) forgetToken(state, jti)
    }
  }
  // The handlers prune before they add one: room is made for it.
  const max = state.maxCaptureContexts - 1
  if (state.contextsByJwt.size > max) {
    for (const record of state.contextsByJwt.values()) {
      if (state.contextsByJwt.size <= max) break
      if (record.expiresAt <= nowSeconds) forgetContext(state, record)
    }
  }
  for (const record of state.contextsByJwt.values()) {
    if (state.contextsByJwt.size <= max) break
    forgetContext(state, record)
  }
  for (const jti of state.transientTokens.keys()) {
    if (state.transientTokens.size <= max) break
    forgetToken(state, jti)
  }
}

function forgetToken(state: EmulatorState, jti: string): void {
  state.transientTokens.delete(jti)
  state.payments.issuedTokens.delete(jti)
}

/** Keeps a newly issued capture context (pruning first, so it makes room for itself). */
export function rememberCaptureContext(state: EmulatorState, record: CaptureContextRecord): void {
  pruneState(state)
  state.contextsByJwt.set(record.jwt, record)
  state.contextsByKid.set(record.kid, record)
}

function forgetContext(state: EmulatorState, record: CaptureContextRecord): void {
  state.contextsByJwt.delete(record.jwt)
  state.contextsByKid.delete(record.kid)
  state.forgottenKids.add(record.kid)
  for (const kid of state.forgottenKids) {
    if (state.forgottenKids.size <= state.maxCaptureContexts) break
    state.forgottenKids.delete(kid)
  }
}

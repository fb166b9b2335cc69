import { describe, expect, it } from 'vitest'
import { createEmulatorClock } from './emulator-clock.js'
import { type EmulatorState, pruneState } from './emulator-state.js'
import type { InspectedTransientToken } from './inspected-transient-token.js'
import type { CaptureContextRecord } from './issue-capture-context.js'

const clock = createEmulatorClock()
const nowSeconds = () => Math.floor(clock.now().getTime() / 1000)

function emptyState(maxCaptureContexts = 20_000): EmulatorState {
  return {
    clock,
    contextsByJwt: new Map(),
    contextsByKid: new Map(),
    transientTokens: new Map(),
    maxCaptureContexts,
    forgottenKids: new Set(),
    pruning: { lastAt: Number.NEGATIVE_INFINITY },
    payments: { issuedTokens: new Map() },
  } as unknown as EmulatorState
}

function addContext(state: EmulatorState, name: string, expiresAt: number): void {
  const record = { jwt: `jwt-${name}`, kid: `kid-${name}`, expiresAt } as CaptureContextRecord
  state.contextsByJwt.set(record.jwt, record)
  state.contextsByKid.set(record.kid, record)
}

function addToken(state: EmulatorState, jti: string, expiresAt: number): void {
  const record = { jti, expiresAt: new Date(expiresAt * 1000) } as InspectedTransientToken
  state.transientTokens.set(jti, record)
  state.payments.issuedTokens.set(jti, { kid: 'kid', hasBillingPostalCode: false })
}

describe('pruneState', () => {
  it('forgets contexts and tokens 15 minutes after they expired, keeps the rest', () => {
    const state = emptyState()
    addContext(state, 'old', nowSeconds() - 901)
    addContext(state, 'recently-expired', nowSeconds() - 10)
    addToken(state, 'old', nowSeconds() - 901)
    addToken(state, 'live', nowSeconds() + 900)
    pruneState(state)
    expect([...state.contextsByJwt.keys()]).toEqual(['jwt-recently-expired'])
    expect([...state.contextsByKid.keys()]).toEqual(['kid-recently-expired'])
    expect([...state.transientTokens.keys()]).toEqual(['live'])
    expect([...state.payments.issuedTokens.keys()]).toEqual(['live'])
    expect([...state.forgottenKids]).toEqual(['kid-old'])
  })

  it('holds both maps to the bound, oldest first, also between sweeps', () => {
    const state = emptyState(3)
    for (let index = 0; index < 5; index += 1) {
      pruneState(state)
      addContext(state, String(index), nowSeconds() + 900)
      addToken(state, String(index), nowSeconds() + 900)
    }
    expect([...state.contextsByJwt.keys()]).toEqual(['jwt-2', 'jwt-3', 'jwt-4'])
    expect([...state.contextsByKid.keys()]).toEqual(['kid-2', 'kid-3', 'kid-4'])
    expect([...state.transientTokens.keys()]).toEqual(['2', '3', '4'])
    expect([...state.payments.issuedTokens.keys()]).toEqual(['2', '3', '4'])
    expect([...state.forgottenKids]).toEqual(['kid-0', 'kid-1'])
  })

  it('evicts expired contexts before valid ones, then the oldest valid one', () => {
    const state = emptyState(3)
    addContext(state, 'valid-oldest', nowSeconds() + 900)
    addContext(state, 'expired', nowSeconds() - 1)
    addContext(state, 'valid', nowSeconds() + 900)
    pruneState(state)
    expect([...state.contextsByKid.keys()]).toEqual(['kid-valid-oldest', 'kid-valid'])
    addContext(state, 'new', nowSeconds() + 900)
    pruneState(state)
    expect([...state.contextsByKid.keys()]).toEqual(['kid-valid', 'kid-new'])
    expect([...state.forgottenKids]).toEqual(['kid-expired', 'kid-valid-oldest'])
  })

  it('remembers no more forgotten kids than it keeps contexts', () => {
    const state = emptyState(2)
    for (let index = 0; index < 10; index += 1) {
      pruneState(state)
      addContext(state, String(index), nowSeconds() + 900)
    }
    expect([...state.forgottenKids]).toEqual(['kid-6', 'kid-7'])
  })
})

import { describe, expect, it } from 'vitest'
import { createEmulatorClock } from './emulator-clock.js'
import { type EmulatorState, pruneState } from './emulator-state.js'
import type { InspectedTransientToken } from './inspected-transient-token.js'
import type { CaptureContextRecord } from './issue-capture-context.js'

const clock = createEmulatorClock()
const nowSeconds = () => Math.floor(clock.now().getTime() / 1000)

function emptyState(): EmulatorState {
  return {
    clock,
    contextsByJwt: new Map(),
    contextsByKid: new Map(),
    transientTokens: new Map(),
    lastPrunedAt: Number.NEGATIVE_INFINITY,
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
  })

  it('holds both maps to the bound, oldest first, also between sweeps', () => {
    const state = emptyState()
    pruneState(state, 3)
    for (let index = 0; index < 5; index += 1) {
      addContext(state, String(index), nowSeconds() + 900)
      addToken(state, String(index), nowSeconds() + 900)
      pruneState(state, 3)
    }
    expect([...state.contextsByJwt.keys()]).toEqual(['jwt-2', 'jwt-3', 'jwt-4'])
    expect([...state.contextsByKid.keys()]).toEqual(['kid-2', 'kid-3', 'kid-4'])
    expect([...state.transientTokens.keys()]).toEqual(['2', '3', '4'])
  })
})

import { FlexVerificationError } from 'flex-jwt'
import { describe, expect, it } from 'vitest'
import {
  newFormReference,
  readFormReference,
  refusalStatus,
  type StoreCalls,
  verifyAndConsume,
} from './verify-and-consume.js'

function storeCalls(reference: string | undefined) {
  const consumed: string[] = []
  const calls: StoreCalls = {
    verifyTransientToken: async () =>
      ({ jti: 'token-one', ...(reference === undefined ? {} : { reference }) }) as never,
    consumeTransientToken: async (token) => {
      consumed.push(token.jti)
    },
  }
  return { calls, consumed }
}

describe('verifyAndConsume', () => {
  it('consumes a token made for the posted reference, and returns it', async () => {
    const { calls, consumed } = storeCalls('tf_form-a-0001')
    expect(await verifyAndConsume(calls, 'jwt', 'tf_form-a-0001')).toMatchObject({
      jti: 'token-one',
    })
    expect(consumed).toEqual(['token-one'])
  })

  it('refuses a token of another form, or saved without a reference, and consumes nothing', async () => {
    for (const saved of ['tf_form-b-0002', undefined]) {
      const { calls, consumed } = storeCalls(saved)
      const error = await verifyAndConsume(calls, 'jwt', 'tf_form-a-0001').catch((e) => e)
      expect(FlexVerificationError.isInstance(error)).toBe(true)
      expect(error).toMatchObject({
        code: 'ERR_FLEX_TOKEN_INVALID',
        reason: 'capture-context-mismatch',
        claim: 'reference',
      })
      expect(consumed).toEqual([])
    }
  })
})

describe('form references', () => {
  it('are random, and read back only when well-formed', () => {
    const one = newFormReference()
    expect(one).toMatch(/^tf_[0-9a-f]{32}$/)
    expect(newFormReference()).not.toBe(one)
    expect(readFormReference(one)).toBe(one)
    for (const bad of ['short', 'a b c d e f', 'x'.repeat(65), 42, undefined, ['tf_aaaaaaaa']]) {
      expect(readFormReference(bad)).toBeUndefined()
    }
  })
})

describe('refusalStatus', () => {
  it.each([
    ['ERR_FLEX_TOKEN_ALREADY_USED', 409],
    ['ERR_FLEX_STORAGE_FAILED', 503],
    ['ERR_FLEX_TOKEN_INVALID', 422],
    ['ERR_FLEX_TOKEN_EXPIRED', 422],
    ['ERR_FLEX_CAPTURE_CONTEXT_EXPIRED', 422],
    ['ERR_FLEX_KEY_FETCH_FAILED', 502],
    ['UNEXPECTED', 500],
  ])('answers %s with %i', (code, status) => {
    expect(refusalStatus(code)).toBe(status)
  })
})

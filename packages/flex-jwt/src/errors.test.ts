import { FlexError, isFlexError } from 'flex-types'
import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { FLEX_VERIFICATION_REASONS, FlexVerificationError } from './errors.js'

describe('FlexVerificationError', () => {
  it('maps every reason to a stable code', () => {
    const codes = Object.fromEntries(
      Object.values(FLEX_VERIFICATION_REASONS).map((reason) => [
        reason,
        new FlexVerificationError(reason, 'x').code,
      ]),
    )
    expect(codes).toEqual({
      malformed: 'ERR_FLEX_TOKEN_INVALID',
      'alg-not-allowed': 'ERR_FLEX_TOKEN_INVALID',
      'header-not-allowed': 'ERR_FLEX_TOKEN_INVALID',
      'kid-invalid': 'ERR_FLEX_TOKEN_INVALID',
      'key-not-found': 'ERR_FLEX_KEY_NOT_FOUND',
      'capture-context-mismatch': 'ERR_FLEX_TOKEN_INVALID',
      'capture-context-not-found': 'ERR_FLEX_TOKEN_INVALID',
      'token-already-used': 'ERR_FLEX_TOKEN_ALREADY_USED',
      'key-invalid': 'ERR_FLEX_KEY_INVALID',
      'key-fetch-failed': 'ERR_FLEX_KEY_FETCH_FAILED',
      'key-fetch-throttled': 'ERR_FLEX_KEY_FETCH_FAILED',
      'bad-signature': 'ERR_FLEX_TOKEN_INVALID',
      expired: 'ERR_FLEX_TOKEN_EXPIRED',
      'not-yet-valid': 'ERR_FLEX_TOKEN_INVALID',
      'wrong-token-kind': 'ERR_FLEX_TOKEN_INVALID',
      'claim-invalid': 'ERR_FLEX_TOKEN_INVALID',
    })
  })

  it('is a FlexError recognised by its Symbol.for marker, across copies', () => {
    const error = new FlexVerificationError('expired', 'the token has expired', { claim: 'exp' })
    expect(error).toBeInstanceOf(FlexError)
    expect(isFlexError(error)).toBe(true)
    expect(FlexVerificationError.isInstance(error)).toBe(true)
    expect(error.name).toBe('FlexVerificationError')
    const copy = Object.assign(new Error('x'), { [Symbol.for('flex.error.verification')]: true })
    expect(FlexVerificationError.isInstance(copy)).toBe(true)
    expect(FlexVerificationError.isInstance(new FlexError('ERR_FLEX_TOKEN_INVALID', 'x'))).toBe(
      false,
    )
  })

  it('keeps only the safe details it is given, and a cause only when given', () => {
    const error = new FlexVerificationError('key-fetch-failed', 'the key fetch answered 503', {
      kid: 'zu',
      status: 503,
    })
    expect(error).toMatchObject({ reason: 'key-fetch-failed', kid: 'zu', status: 503 })
    expect('cause' in error).toBe(false)
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'FlexVerificationError',
      code: 'ERR_FLEX_KEY_FETCH_FAILED',
      reason: 'key-fetch-failed',
      kid: 'zu',
      status: 503,
    })
  })

  it('drops a kid that holds a card-like digit run (a forged token can put anything there)', () => {
    for (const kid of [
      SENTINEL_CARD_NUMBERS[0],
      `k-${(SENTINEL_CARD_NUMBERS[0] ?? '').replace(/(\d{4})(?=\d)/g, '$1-')}`,
    ]) {
      const error = new FlexVerificationError('key-not-found', 'no public key has this kid', {
        kid: kid as string,
      })
      expect(error.kid).toBeUndefined()
      expectNoSensitiveData(error)
    }
  })
})

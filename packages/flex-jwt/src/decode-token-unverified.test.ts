import { describe, expect, it } from 'vitest'
import { decodeTokenUnverified } from './decode-token-unverified.js'
import { encodeSegment } from './test/tokens.js'

describe('decodeTokenUnverified', () => {
  it('decodes header and claims without verifying anything', () => {
    const jwt = `${encodeSegment({ kid: 'zu', alg: 'none' })}.${encodeSegment({ iss: 'Flex API', exp: 1 })}.`
    expect(decodeTokenUnverified(jwt)).toEqual({
      header: { kid: 'zu', alg: 'none' },
      claims: { iss: 'Flex API', exp: 1 },
    })
  })

  it.each([
    ['not a string', 42],
    ['too large', `${encodeSegment({ alg: 'RS256' })}.${'A'.repeat(70_000)}.x`],
    ['two segments', 'eyJhbGciOiJSUzI1NiJ9.e30'],
    ['bad characters', 'eyJhbGciOiJSUzI1NiJ9.e30=.x'],
    ['a header that is not JSON', 'bm90IGpzb24.e30.x'],
    ['a payload that is not JSON', `${encodeSegment({ alg: 'RS256' })}.bm90IGpzb24.x`],
    [
      'a payload that is a JSON array',
      `${encodeSegment({ alg: 'RS256' })}.${encodeSegment([1])}.x`,
    ],
  ])('refuses %s as malformed', (_name, jwt) => {
    expect(() => decodeTokenUnverified(jwt as string)).toThrow(
      expect.objectContaining({ reason: 'malformed', code: 'ERR_FLEX_TOKEN_INVALID' }),
    )
  })
})

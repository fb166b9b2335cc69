import { describe, expect, it } from 'vitest'
import { decodeTokenUnverified } from './decode-token-unverified.js'
import { encodeSegment } from './test/tokens.js'

describe('decodeTokenUnverified', () => {
  it('decodes header and claims without verifying anything', () => {
    const jwt = `${encodeSegment({ kid: 'zu', alg: 'none' })}.${encodeSegment({ iss: 'Flex API', exp: 1 })}.AAAA`
    expect(decodeTokenUnverified(jwt)).toEqual({
      header: { kid: 'zu', alg: 'none' },
      claims: { iss: 'Flex API', exp: 1 },
    })
  })

  it.each([
    ['an empty signature', `${encodeSegment({ alg: 'none' })}.${encodeSegment({ exp: 1 })}.`],
    [
      'a repeated header member',
      `${Buffer.from('{"alg":"RS256","alg":"none"}').toString('base64url')}.e30.AAAA`,
    ],
    [
      'a repeated claim',
      `${encodeSegment({ alg: 'RS256' })}.${Buffer.from('{"exp":1,"exp":2}').toString('base64url')}.AAAA`,
    ],
    [
      'a byte order mark before the header',
      `${Buffer.from('\uFEFF{"alg":"RS256"}').toString('base64url')}.e30.AAAA`,
    ],
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

  it('throws a usage error for a jwt that is not a string', () => {
    expect(() => decodeTokenUnverified(42 as never)).toThrow(
      expect.objectContaining({
        name: 'TypeError',
        code: 'ERR_INVALID_ARG_VALUE',
        message: 'decodeTokenUnverified: jwt must be a string',
      }),
    )
  })
})

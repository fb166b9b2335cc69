import { readFileSync } from 'node:fs'
import { generateRsaKeyPair } from 'test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { decodeBase64Url } from './decode-base64-url.js'
import { validateRsaPublicJwk } from './validate-rsa-public-jwk.js'

interface WycheproofKeyGroup {
  public?: { keys: Record<string, unknown>[] }
  tests: { tcId: number; comment: string; result: string }[]
}
const vectors = JSON.parse(
  readFileSync(
    new URL('../../../../shared/vectors/wycheproof/json_web_key_test.json', import.meta.url),
    'utf8',
  ),
) as { testGroups: WycheproofKeyGroup[] }

let valid: JsonWebKey
beforeAll(async () => {
  valid = (await generateRsaKeyPair({ kid: 'k1' })).publicJwk
})

describe('validateRsaPublicJwk', () => {
  it('accepts a fresh 2048-bit key and strips everything but the public members', () => {
    const result = validateRsaPublicJwk(
      { ...valid, use: 'enc', ext: true },
      { algorithms: ['RS256'] },
    )
    expect(result).toEqual({
      ok: true,
      jwk: { kty: 'RSA', n: valid.n, e: 'AQAB', kid: 'k1', use: 'enc' },
    })
  })

  const cases: (readonly [string, () => unknown])[] = [
    ['not-an-object', () => null],
    ['not-an-object', () => []],
    ['not-rsa', () => ({ ...valid, kty: 'EC' })],
    ['private-members', () => ({ ...valid, d: 'AQAB' })],
    ['wrong-use', () => ({ ...valid, use: 'wrap' })],
    ['wrong-algorithm', () => ({ ...valid, alg: 'RS512' })],
    ['malformed', () => ({ ...valid, n: 42 })],
    ['malformed', () => ({ ...valid, kid: 7 })],
    ['malformed', () => ({ ...valid, n: `${valid.n}=` })],
    ['weak-exponent', () => ({ ...valid, e: 'AQ' })],
    ['weak-exponent', () => ({ ...valid, e: 'Aw' })],
    ['modulus-size', () => ({ ...valid, n: `${(valid.n as string).slice(0, 170)}AB` })],
  ]
  it.each(cases)('refuses %s (%#)', (problem, make) => {
    const result = validateRsaPublicJwk(make(), { algorithms: ['RS256'] })
    expect(result.ok ? 'ok' : result.reason).toBe(problem)
  })

  it('agrees with every RSA case of Wycheproof json_web_key_test.json', () => {
    const outcomes: string[] = []
    for (const group of vectors.testGroups) {
      for (const key of group.public?.keys ?? []) {
        if (key.kty !== 'RSA') continue
        for (const test of group.tests) {
          const result = validateRsaPublicJwk(key, { algorithms: ['RS256'] })
          // tcId 5 is the one valid RSA key; 6 (RSA1_5 key for a JWS), 7 (ROCA), 8 (1024 bits)
          // 9 (e = 1) and 24 (EC members under kty RSA) must be refused.
          const expected = test.result === 'valid'
          outcomes.push(
            `tcId ${test.tcId} ${test.comment}: ${result.ok === expected ? 'agrees' : 'DISAGREES'}`,
          )
        }
      }
    }
    expect(outcomes).toEqual([
      'tcId 5 acceptsValid: agrees',
      'tcId 6 rejectsWrongUse: agrees',
      'tcId 7 rejectsKeyWithRocaVulnerability: agrees',
      'tcId 8 rejects1024bitRsaKey: agrees',
      'tcId 9 rejectsPublicExponent1: agrees',
      'tcId 24 rejectsModifiedKey: agrees',
    ])
    const roca = vectors.testGroups.find((group) => group.tests[0]?.tcId === 7)?.public?.keys[0]
    const result = validateRsaPublicJwk(roca, { algorithms: ['RS256'] })
    expect(result.ok ? 'ok' : result.reason).toBe('roca')
  })
})

describe('decodeBase64Url', () => {
  it('decodes unpadded base64url and refuses anything else', () => {
    expect(decodeBase64Url('AQAB')).toEqual(new Uint8Array([1, 0, 1]))
    expect(decodeBase64Url('-_8')).toEqual(new Uint8Array([251, 255]))
    expect(decodeBase64Url('')).toEqual(new Uint8Array([]))
    for (const bad of ['AQAB=', 'a+b/', 'A', 'ä']) expect(decodeBase64Url(bad)).toBeUndefined()
  })
})

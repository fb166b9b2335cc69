import { readFileSync } from 'node:fs'
import { generateRsaKeyPair } from 'test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { decodeBase64Url } from './decode-base64-url.js'
import { encodeBase64Url } from './encode-base64-url.js'
import { validateRsaPublicJwk } from './validate-rsa-public-jwk.js'

interface WycheproofKeyGroup {
  public?: { keys: Record<string, unknown>[] }
  tests: { tcId: number; comment: string; result: string }[]
}
const vectors = JSON.parse(
  readFileSync(
    new URL('../../../tooling/test-vectors/wycheproof/json_web_key_test.json', import.meta.url),
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

  it('gives a remembered sound modulus the same answer, and still checks every other member', () => {
    const options = { algorithms: ['RS256'] }
    const first = validateRsaPublicJwk(valid, options)
    expect(validateRsaPublicJwk(valid, options)).toEqual(first)
    expect(validateRsaPublicJwk({ ...valid, d: 'AQAB' }, options)).toMatchObject({ ok: false })
    expect(validateRsaPublicJwk({ ...valid, e: 'Aw' }, options)).toMatchObject({ ok: false })
    expect(validateRsaPublicJwk({ ...valid, alg: 'RS512' }, options)).toMatchObject({ ok: false })
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

const toBigInt = (n: string): bigint =>
  BigInt(
    `0x${[...(decodeBase64Url(n) as Uint8Array)].map((b) => b.toString(16).padStart(2, '0')).join('')}`,
  )
const toN = (value: bigint): string => {
  const hex = value.toString(16)
  const even = hex.length % 2 === 0 ? hex : `0${hex}`
  return encodeBase64Url(
    Uint8Array.from(even.match(/../g) as string[], (pair) => parseInt(pair, 16)),
  )
}
const reasonOf = (n: string): string => {
  const result = validateRsaPublicJwk({ ...valid, n }, { algorithms: ['RS256'] })
  return result.ok ? 'ok' : result.reason
}
const PRIMES_BELOW_1000 = Array.from({ length: 997 }, (_, i) => i + 3).filter((c) =>
  Array.from({ length: c - 2 }, (_, i) => i + 2).every((d) => d * d > c || c % d !== 0),
)

describe('validateRsaPublicJwk against weak moduli (#13.3)', () => {
  it('refuses a 2048-bit odd modulus that is a multiple of any odd prime below 1,000', () => {
    expect(PRIMES_BELOW_1000).toHaveLength(167)
    const n = toBigInt(valid.n as string)
    const outcomes = new Set<string>()
    for (const prime of PRIMES_BELOW_1000.map(BigInt)) {
      let multiple = n - (n % prime)
      if (multiple % 2n === 0n) multiple -= prime
      expect(multiple % prime).toBe(0n)
      expect(multiple.toString(2)).toHaveLength(2048)
      outcomes.add(reasonOf(toN(multiple)))
    }
    expect([...outcomes]).toEqual(['small-factor'])
  })

  it('refuses 2^2047 + 1 and 2^2048 - 1, both with the top bit set', () => {
    expect(reasonOf(toN(2n ** 2047n + 1n))).toBe('small-factor')
    expect(reasonOf(toN(2n ** 2048n - 1n))).toBe('small-factor')
  })

  it('refuses an even modulus', () => {
    expect(reasonOf(toN(toBigInt(valid.n as string) ^ 1n))).toBe('malformed')
  })

  it('refuses a modulus whose top bit is not set: a 2049-bit one, or one led by a zero byte', () => {
    const n = toBigInt(valid.n as string)
    // 257 bytes whose first byte is 0x01: 2049 bits, not the 2056 its length declares.
    let odd2049 = 2n ** 2048n + (n >> 1n) * 2n + 1n
    while (PRIMES_BELOW_1000.some((p) => odd2049 % BigInt(p) === 0n)) odd2049 += 2n
    expect(odd2049.toString(2)).toHaveLength(2049)
    expect(reasonOf(toN(odd2049))).toBe('modulus-size')
    const zeroLed = encodeBase64Url(
      new Uint8Array([0, ...(decodeBase64Url(valid.n as string) as Uint8Array)]),
    )
    expect(reasonOf(zeroLed)).toBe('modulus-size')
  })

  it('still accepts a sound modulus', () => {
    expect(reasonOf(valid.n as string)).toBe('ok')
  })
})

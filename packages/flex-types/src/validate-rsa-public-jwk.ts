import type { FlexPublicJwk } from './capture-context.js'
import { decodeBase64Url } from './decode-base64-url.js'

/** Why a JWK was refused, as a closed `as const` list. */
export const FLEX_RSA_JWK_REASONS = {
  NOT_AN_OBJECT: 'not-an-object',
  NOT_RSA: 'not-rsa',
  PRIVATE_MEMBERS: 'private-members',
  MALFORMED: 'malformed',
  WEAK_EXPONENT: 'weak-exponent',
  MODULUS_SIZE: 'modulus-size',
  ROCA: 'roca',
  WRONG_USE: 'wrong-use',
  WRONG_ALGORITHM: 'wrong-algorithm',
} as const

/** One of `FLEX_RSA_JWK_REASONS`. */
export type RsaJwkReason = (typeof FLEX_RSA_JWK_REASONS)[keyof typeof FLEX_RSA_JWK_REASONS]

/** What the key is for: an `alg` member, when present, must be one of `algorithms`. */
export interface ValidateRsaPublicJwkOptions {
  /** Allowed values of the JWK's `alg` member, e.g. `['RS256']`. */
  algorithms: readonly string[]
}

/** The outcome of `validateRsaPublicJwk`: the clean JWK, or the problem (never key material). */
export type ValidateRsaPublicJwkResult =
  | { ok: true; jwk: FlexPublicJwk }
  | { ok: false; reason: RsaJwkReason; message: string }

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']
const MIN_BITS = 2048
const MAX_BITS = 8192
// The ROCA fingerprint (CVE-2017-15361): moduli from the vulnerable Infineon library are, modulo
// each of these primes, a power of 65537. A random modulus passes this test with negligible odds.
const ROCA_PRIMES = [
  3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101,
  103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167,
]
const ROCA_SUBGROUPS = ROCA_PRIMES.map((prime) => {
  const powers = new Set<number>()
  for (let value = 1; !powers.has(value); value = (value * (65537 % prime)) % prime) {
    powers.add(value)
  }
  return powers
})

function bitLength(bytes: Uint8Array): number {
  let start = 0
  while (start < bytes.length && bytes[start] === 0) start += 1
  if (start === bytes.length) return 0
  return (bytes.length - start - 1) * 8 + Math.floor(Math.log2(bytes[start] as number)) + 1
}

// The primes grouped so each group's product stays below 2^44: the modulus is reduced once per
// group with exact double arithmetic (remainder · 256 + byte < 2^53), never as a 2048-bit BigInt.
const ROCA_PRIME_GROUPS = ROCA_PRIMES.reduce<{ product: number; indexes: number[] }[]>(
  (groups, prime, index) => {
    const last = groups.at(-1)
    if (last && last.product * prime < 2 ** 44) {
      last.product *= prime
      last.indexes.push(index)
    } else {
      groups.push({ product: prime, indexes: [index] })
    }
    return groups
  },
  [],
)

function hasRocaFingerprint(modulus: Uint8Array): boolean {
  for (const { product, indexes } of ROCA_PRIME_GROUPS) {
    let remainder = 0
    for (const byte of modulus) remainder = (remainder * 256 + byte) % product
    for (const index of indexes) {
      const subgroup = ROCA_SUBGROUPS[index] as Set<number>
      if (!subgroup.has(remainder % (ROCA_PRIMES[index] as number))) return false
    }
  }
  return true
}

function refuse(reason: RsaJwkReason, message: string): ValidateRsaPublicJwkResult {
  return { ok: false, reason, message }
}

/**
 * Checks that a JWK is a public RSA key safe to import: `kty` RSA, `e` exactly 65537 (`AQAB`),
 * a 2048–8192-bit modulus without the ROCA fingerprint, no private members, `use` absent, `sig`
 * or `enc` (Cybersource marks its signing keys `enc`), and `alg`, if present, one of
 * `options.algorithms`. Returns a copy with only the public members. Never throws.
 *
 * @example
 * ```ts
 * const result = validateRsaPublicJwk(jwk, { algorithms: ['RS256'] })
 * if (!result.ok) throw new Error(`key refused: ${result.reason}`)
 * ```
 */
export function validateRsaPublicJwk(
  value: unknown,
  options: ValidateRsaPublicJwkOptions,
): ValidateRsaPublicJwkResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refuse(FLEX_RSA_JWK_REASONS.NOT_AN_OBJECT, 'the key must be a JWK object')
  }
  const jwk = value as Record<string, unknown>
  if (jwk.kty !== 'RSA') return refuse(FLEX_RSA_JWK_REASONS.NOT_RSA, 'the key must have kty RSA')
  if (PRIVATE_MEMBERS.some((member) => member in jwk)) {
    return refuse(FLEX_RSA_JWK_REASONS.PRIVATE_MEMBERS, 'the key must not contain private members')
  }
  if (jwk.use !== undefined && jwk.use !== 'sig' && jwk.use !== 'enc') {
    return refuse(FLEX_RSA_JWK_REASONS.WRONG_USE, 'the key use must be sig or enc')
  }
  if (jwk.alg !== undefined && !options.algorithms.includes(jwk.alg as string)) {
    return refuse(FLEX_RSA_JWK_REASONS.WRONG_ALGORITHM, 'the key alg is not allowed here')
  }
  if (jwk.kid !== undefined && typeof jwk.kid !== 'string') {
    return refuse(FLEX_RSA_JWK_REASONS.MALFORMED, 'the key kid must be a string')
  }
  if (typeof jwk.e !== 'string' || typeof jwk.n !== 'string') {
    return refuse(FLEX_RSA_JWK_REASONS.MALFORMED, 'the key must have base64url n and e')
  }
  if (jwk.e !== 'AQAB') {
    return refuse(FLEX_RSA_JWK_REASONS.WEAK_EXPONENT, 'the key exponent must be 65537')
  }
  const modulus = decodeBase64Url(jwk.n)
  if (modulus === undefined || modulus.length === 0 || ((modulus.at(-1) ?? 0) & 1) === 0) {
    return refuse(
      FLEX_RSA_JWK_REASONS.MALFORMED,
      'the key modulus is not a valid base64url odd integer',
    )
  }
  const bits = bitLength(modulus)
  if (bits < MIN_BITS || bits > MAX_BITS) {
    return refuse(
      FLEX_RSA_JWK_REASONS.MODULUS_SIZE,
      `the key modulus must be ${MIN_BITS} to ${MAX_BITS} bits`,
    )
  }
  if (hasRocaFingerprint(modulus)) {
    return refuse(FLEX_RSA_JWK_REASONS.ROCA, 'the key has the ROCA fingerprint (CVE-2017-15361)')
  }
  const clean: FlexPublicJwk = { kty: 'RSA', n: jwk.n, e: jwk.e }
  if (typeof jwk.kid === 'string') clean.kid = jwk.kid
  if (typeof jwk.use === 'string') clean.use = jwk.use
  if (typeof jwk.alg === 'string') clean.alg = jwk.alg
  return { ok: true, jwk: clean }
}

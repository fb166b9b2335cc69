import type { FlexPublicJwk } from './capture-context.js'
import { decodeBase64Url } from './decode-base64-url.js'
import { isJsonObject } from './is-json-object.js'

/** Why a JWK was refused, as a closed `as const` list. */
export const FLEX_RSA_JWK_REASONS = {
  NOT_AN_OBJECT: 'not-an-object',
  NOT_RSA: 'not-rsa',
  PRIVATE_MEMBERS: 'private-members',
  MALFORMED: 'malformed',
  WEAK_EXPONENT: 'weak-exponent',
  MODULUS_SIZE: 'modulus-size',
  SMALL_FACTOR: 'small-factor',
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
// A sound modulus is the product of two primes of half its size: any factor below 1,000 means a
// broken or hostile key (e.g. a multiple of 3, or 2^2047 + 1), which gives the data away.
const SMALL_PRIMES_BELOW = 1000
const SMALL_PRIMES = Array.from({ length: SMALL_PRIMES_BELOW - 3 }, (_, index) => index + 3).filter(
  (candidate) => {
    for (let divisor = 3; divisor * divisor <= candidate; divisor += 2) {
      if (candidate % divisor === 0) return false
    }
    return candidate % 2 === 1
  },
)
// The ROCA fingerprint (CVE-2017-15361): moduli from the vulnerable Infineon library are, modulo
// each of the primes up to 167, a power of 65537. A random modulus passes with negligible odds.
const ROCA_PRIME_COUNT = SMALL_PRIMES.indexOf(167) + 1
const ROCA_SUBGROUPS = SMALL_PRIMES.slice(0, ROCA_PRIME_COUNT).map((prime) => {
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

// The primes grouped so each group's product fits a double exactly: the modulus is reduced once by
// the product of all of them (one BigInt division), then each group's remainder as a number.
const PRIME_GROUPS = SMALL_PRIMES.reduce<{ product: number; primes: number[] }[]>(
  (groups, prime) => {
    const last = groups.at(-1)
    if (last && last.product * prime <= Number.MAX_SAFE_INTEGER) {
      last.product *= prime
      last.primes.push(prime)
    } else {
      groups.push({ product: prime, primes: [prime] })
    }
    return groups
  },
  [],
).map(({ product, primes }) => ({ product: BigInt(product), primes }))
const PRIMORIAL = PRIME_GROUPS.reduce((product, group) => product * group.product, 1n)

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

function toBigInt(bytes: Uint8Array): bigint {
  let hex = '0x'
  for (const byte of bytes) hex += HEX[byte] as string
  return BigInt(hex)
}

/** The modulus's remainder by each of `SMALL_PRIMES`, in order. */
function smallPrimeRemainders(modulus: Uint8Array): number[] {
  const reduced = toBigInt(modulus) % PRIMORIAL
  const remainders: number[] = []
  for (const { product, primes } of PRIME_GROUPS) {
    const remainder = Number(reduced % product)
    for (const prime of primes) remainders.push(remainder % prime)
  }
  return remainders
}

function hasRocaFingerprint(remainders: readonly number[]): boolean {
  return ROCA_SUBGROUPS.every((subgroup, index) => subgroup.has(remainders[index] as number))
}

function refuse(reason: RsaJwkReason, message: string): ValidateRsaPublicJwkResult {
  return { ok: false, reason, message }
}

// Moduli that passed every check of checkModulus, oldest first: a capture context verified again
// (the same one-time key, in flex-jwt and then flex-jwe) skips the arithmetic. The checks are a
// pure function of `n`, so a remembered pass is as good as a new one.
const SOUND_MODULI = new Set<string>()
const MAX_SOUND_MODULI = 256

function rememberSoundModulus(n: string): void {
  SOUND_MODULI.add(n)
  for (const oldest of SOUND_MODULI) {
    if (SOUND_MODULI.size <= MAX_SOUND_MODULI) break
    SOUND_MODULI.delete(oldest)
  }
}

/** The modulus checks: an odd integer of 2048–8192 bits, top bit set, no small factor, no ROCA. */
function checkModulus(n: string): ValidateRsaPublicJwkResult | undefined {
  const modulus = decodeBase64Url(n)
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
  const remainders = smallPrimeRemainders(modulus)
  if (remainders.includes(0)) {
    return refuse(
      FLEX_RSA_JWK_REASONS.SMALL_FACTOR,
      `the key modulus has a prime factor below ${SMALL_PRIMES_BELOW}`,
    )
  }
  if (hasRocaFingerprint(remainders)) {
    return refuse(FLEX_RSA_JWK_REASONS.ROCA, 'the key has the ROCA fingerprint (CVE-2017-15361)')
  }
  // Checked after ROCA so that a fingerprinted key is reported as such whatever its size.
  if (bits !== modulus.length * 8) {
    return refuse(
      FLEX_RSA_JWK_REASONS.MODULUS_SIZE,
      'the key modulus must have its top bit set: its bit length must be its byte length times 8',
    )
  }
  return undefined
}

/**
 * Checks that a JWK is a public RSA key safe to import: `kty` RSA, `e` exactly 65537 (`AQAB`),
 * an odd 2048–8192-bit modulus with its top bit set (no leading zero byte), no prime factor below
 * 1,000 and without the ROCA fingerprint, no private members, `use` absent, `sig`
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
  if (!isJsonObject(value)) {
    return refuse(FLEX_RSA_JWK_REASONS.NOT_AN_OBJECT, 'the key must be a JWK object')
  }
  const jwk = value
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
  if (!SOUND_MODULI.has(jwk.n)) {
    const problem = checkModulus(jwk.n)
    if (problem) return problem
    rememberSoundModulus(jwk.n)
  }
  const clean: FlexPublicJwk = { kty: 'RSA', n: jwk.n, e: jwk.e }
  if (typeof jwk.kid === 'string') clean.kid = jwk.kid
  if (typeof jwk.use === 'string') clean.use = jwk.use
  if (typeof jwk.alg === 'string') clean.alg = jwk.alg
  return { ok: true, jwk: clean }
}

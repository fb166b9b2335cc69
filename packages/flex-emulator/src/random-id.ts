import { randomFillSync } from 'node:crypto'

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

// One refill of CSPRNG bytes serves many ids: a call per id cost more than the ids themselves.
const pool = new Uint8Array(4096)
let offset = pool.length

function randomByte(): number {
  if (offset === pool.length) {
    randomFillSync(pool)
    offset = 0
  }
  const byte = pool[offset] as number
  offset += 1
  return byte
}

function randomFrom(alphabet: string, length: number): string {
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % alphabet.length)
  let result = ''
  while (result.length < length) {
    const byte = randomByte()
    if (byte < limit) result += alphabet[byte % alphabet.length]
  }
  return result
}

/** Random letters and digits, e.g. a 32-character one-time key id or a 16-character jti. */
export function randomAlphanumeric(length: number): string {
  return randomFrom(ALPHANUMERIC, length)
}

/** Random upper-case letters and digits, e.g. a 64-character transient token jti. */
export function randomUpperAlphanumeric(length: number): string {
  return randomFrom(UPPER_ALPHANUMERIC, length)
}

/** Random decimal digits, e.g. a 22-digit payment id. */
export function randomDigits(length: number): string {
  return randomFrom('0123456789', length)
}

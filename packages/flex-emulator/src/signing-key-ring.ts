import { generateRsaJwkPair, type RsaJwkPair, sharedRsaJwkPair } from './key-pool.js'
import { randomAlphanumeric } from './random-id.js'

/** A long-term capture-context signing key and its public JWK as `/public-keys/{kid}` serves it. */
export interface SigningKey {
  kid: string
  keys: RsaJwkPair
  publicJwk: { kty: 'RSA'; use: 'enc'; kid: string; n: string; e: string }
}

/** The long-term keys: the newest signs, every one stays served so old contexts keep verifying. */
export interface SigningKeyRing {
  current(): SigningKey
  find(kid: string): SigningKey | undefined
  kids(): string[]
  rotate(): Promise<SigningKey>
}

async function createSigningKey(
  taken: ReadonlySet<string>,
  generate: () => Promise<RsaJwkPair>,
): Promise<SigningKey> {
  let kid = randomAlphanumeric(2).toLowerCase()
  while (taken.has(kid)) kid = randomAlphanumeric(2).toLowerCase()
  const keys = await generate()
  const { n, e } = keys.publicJwk
  return { kid, keys, publicJwk: { kty: 'RSA', use: 'enc', kid, n, e } }
}

/**
 * Creates the ring with one key (kids are two characters, like Cybersource's `3g`): a fresh one,
 * or with `reuseKeys` the process-wide shared one. Rotation always generates a fresh key.
 */
export async function createSigningKeyRing(
  options: { reuseKeys?: boolean } = {},
): Promise<SigningKeyRing> {
  const keys = new Map<string, SigningKey>()
  let current = await createSigningKey(new Set(), () =>
    options.reuseKeys ? sharedRsaJwkPair('signing') : generateRsaJwkPair(),
  )
  keys.set(current.kid, current)
  return {
    current: () => current,
    find: (kid) => keys.get(kid),
    kids: () => [...keys.keys()],
    async rotate() {
      current = await createSigningKey(new Set(keys.keys()), generateRsaJwkPair)
      keys.set(current.kid, current)
      return current
    },
  }
}

export interface RsaKeyPair {
  readonly publicKey: CryptoKey
  readonly privateKey: CryptoKey
  /** The public half as a JWK (`kty`, `n`, `e`, plus `kid` when given). */
  readonly publicJwk: JsonWebKey & { kid?: string }
  /** The private half as a JWK, for handing to independent implementations in tests. */
  readonly privateJwk: JsonWebKey & { kid?: string }
}

/**
 * Generates an RSA key pair at test time (no private key is ever committed).
 * `usage: 'sign'` gives RS256 keys, `usage: 'encrypt'` RSA-OAEP-256 keys.
 */
export async function generateRsaKeyPair(
  options: { usage?: 'sign' | 'encrypt'; modulusLength?: number; kid?: string } = {},
): Promise<RsaKeyPair> {
  const { usage = 'sign', modulusLength = 2048, kid } = options
  const algorithm =
    usage === 'sign'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
      : { name: 'RSA-OAEP', hash: 'SHA-256' }
  const usages: KeyUsage[] = usage === 'sign' ? ['sign', 'verify'] : ['encrypt', 'decrypt']
  const pair = (await crypto.subtle.generateKey(
    { ...algorithm, modulusLength, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    usages,
  )) as CryptoKeyPair
  const strip = (jwk: JsonWebKey): JsonWebKey & { kid?: string } => {
    const { alg: _alg, key_ops: _ops, ext: _ext, ...rest } = jwk
    return kid === undefined ? rest : { ...rest, kid }
  }
  return {
    publicKey: pair.publicKey,
    privateKey: pair.privateKey,
    publicJwk: strip(await crypto.subtle.exportKey('jwk', pair.publicKey)),
    privateJwk: strip(await crypto.subtle.exportKey('jwk', pair.privateKey)),
  }
}

import {
  constants,
  createDecipheriv,
  createPrivateKey,
  type JsonWebKey,
  KeyObject,
  privateDecrypt,
} from 'node:crypto'
import { createUsageError, decodeBase64Url } from 'flex-types/internal'

/** Key management algorithms the emulator decrypts; RSA1_5 and everything else are refused. */
const ALLOWED_KEY_ALGORITHMS: readonly string[] = ['RSA-OAEP-256', 'RSA-OAEP']
/** The only content encryption accepted. */
const ALLOWED_CONTENT_ENCRYPTION: readonly string[] = ['A256GCM']

/** A256GCM: 256-bit content key, 96-bit IV, 128-bit tag. */
const CONTENT_KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16

const ALLOWED_HEADER_MEMBERS = new Set(['alg', 'enc', 'kid'])
const COMPACT_JWE =
  /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

/** The protected header of a compact JWE, when it is one the emulator is willing to decrypt. */
function readJweHeader(jwe: string): { alg: string; enc: string; kid?: string } | undefined {
  if (!COMPACT_JWE.test(jwe)) return undefined
  const bytes = decodeBase64Url(jwe.slice(0, jwe.indexOf('.')))
  if (!bytes) return undefined
  let header: unknown
  try {
    header = JSON.parse(new TextDecoder().decode(bytes))
  } catch {
    return undefined
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return undefined
  const members = header as Record<string, unknown>
  if (!Object.keys(members).every((name) => ALLOWED_HEADER_MEMBERS.has(name))) return undefined
  const { alg, enc, kid } = members
  if (typeof alg !== 'string' || !ALLOWED_KEY_ALGORITHMS.includes(alg)) return undefined
  if (typeof enc !== 'string' || !ALLOWED_CONTENT_ENCRYPTION.includes(enc)) return undefined
  if (kid !== undefined && typeof kid !== 'string') return undefined
  return kid === undefined ? { alg, enc } : { alg, enc, kid }
}

function toPrivateKey(key: KeyObject | JsonWebKey): KeyObject | undefined {
  if (key instanceof KeyObject) return key
  try {
    return createPrivateKey({ key, format: 'jwk' })
  } catch {
    return undefined
  }
}

/**
 * Decrypts a compact JWE with the allow-list (RSA-OAEP-256 or RSA-OAEP, A256GCM, header members
 * `alg`, `enc`, `kid` only, so no `zip`). Every failure (bad shape, refused algorithm, unknown
 * key, wrong key, bad tag) gives the same `undefined`: a caller cannot tell them apart.
 * node:crypto does the work on the key's KeyObject (made once per key): jose's WebCrypto path
 * cost most of the emulator's CPU per flow. The RSA-OAEP step (~0.4 ms) stays on the event loop:
 * WebCrypto would move it to the thread pool, but importing each one-time key as a CryptoKey
 * costs about 1 ms and doubles the memory kept per capture context, for a ~5 % gain measured
 * with reused keys only. A JWK is still accepted (imported per call). A `jwe` that is not a string
 * or a `resolveKey` that is not a function is a programming mistake: a `TypeError` with `code`
 * `ERR_INVALID_ARG_VALUE`.
 *
 * @example
 * ```ts
 * const plaintext = await decryptPaymentJwe(body, (kid) => contextsByKid.get(kid)?.privateKey)
 * if (!plaintext) return refuse(400, 'CREATE_TOKEN_DECRYPTION', 'The data could not be decrypted')
 * ```
 */
export async function decryptPaymentJwe(
  jwe: string,
  resolveKey: (kid: string | undefined) => KeyObject | JsonWebKey | undefined,
): Promise<Uint8Array | undefined> {
  if (typeof jwe !== 'string')
    throw createUsageError('decryptPaymentJwe', 'jwe', 'must be a string')
  if (typeof resolveKey !== 'function') {
    throw createUsageError('decryptPaymentJwe', 'resolveKey', 'must be a function')
  }
  const header = readJweHeader(jwe)
  if (!header) return undefined
  const resolved = resolveKey(header.kid)
  if (!resolved) return undefined
  const privateKey = toPrivateKey(resolved)
  if (
    privateKey?.asymmetricKeyType !== 'rsa' ||
    (privateKey.asymmetricKeyDetails?.modulusLength ?? 0) < 2048
  ) {
    return undefined
  }
  const [
    protectedHeader = '',
    encryptedKeyPart = '',
    ivPart = '',
    ciphertextPart = '',
    tagPart = '',
  ] = jwe.split('.')
  const encryptedKey = decodeBase64Url(encryptedKeyPart)
  const iv = decodeBase64Url(ivPart)
  const ciphertext = decodeBase64Url(ciphertextPart)
  const tag = decodeBase64Url(tagPart)
  if (!encryptedKey || iv?.length !== IV_BYTES || !ciphertext || tag?.length !== TAG_BYTES) {
    return undefined
  }
  try {
    const contentKey = privateDecrypt(
      {
        key: privateKey,
        oaepHash: header.alg === 'RSA-OAEP-256' ? 'sha256' : 'sha1',
        padding: constants.RSA_PKCS1_OAEP_PADDING,
      },
      encryptedKey,
    )
    if (contentKey.length !== CONTENT_KEY_BYTES) return undefined
    const decipher = createDecipheriv('aes-256-gcm', contentKey, iv, { authTagLength: TAG_BYTES })
    decipher.setAAD(Buffer.from(protectedHeader, 'ascii'))
    decipher.setAuthTag(tag)
    const plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()])
    return new Uint8Array(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength)
  } catch {
    return undefined
  }
}

import { encodeBase64Url } from 'flex-types/internal'
import { FlexEncryptionError } from './errors.js'
import type { JweAlgorithm } from './jwe-algorithms.js'

const CONTENT_KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BITS = 128
const encoder = new TextEncoder()

/** AES-256-GCM with a 96-bit IV and a 128-bit tag, the `A256GCM` of RFC 7518 §5.3. */
export async function encryptContent(
  contentKey: Uint8Array<ArrayBuffer>,
  iv: Uint8Array<ArrayBuffer>,
  additionalData: Uint8Array<ArrayBuffer>,
  plaintext: Uint8Array<ArrayBuffer>,
): Promise<{ ciphertext: Uint8Array<ArrayBuffer>; tag: Uint8Array<ArrayBuffer> }> {
  const key = await crypto.subtle.importKey('raw', contentKey, 'AES-GCM', false, ['encrypt'])
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData, tagLength: TAG_BITS },
      key,
      plaintext,
    ),
  )
  const split = sealed.length - TAG_BITS / 8
  return { ciphertext: sealed.subarray(0, split), tag: sealed.subarray(split) }
}

/** RSA-OAEP encryption of the content key; the OAEP hash is fixed when the key is imported. */
export async function encryptContentKey(
  key: CryptoKey,
  contentKey: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, key, contentKey))
}

/** The protected header, exactly `{alg, enc, kid}` in that order, base64url-encoded. */
export function encodeProtectedHeader(alg: JweAlgorithm, kid: string): string {
  return encodeBase64Url(JSON.stringify({ alg, enc: 'A256GCM', kid }))
}

/**
 * The compact JWE of RFC 7516 §7.1 under an encoded protected header, with a content key and IV
 * drawn fresh from `crypto.getRandomValues` on every call and the content key wiped afterwards.
 */
export async function encryptCompactJwe(
  key: CryptoKey,
  protectedHeader: string,
  plaintext: Uint8Array<ArrayBuffer>,
): Promise<string> {
  const contentKey = crypto.getRandomValues(new Uint8Array(CONTENT_KEY_BYTES))
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
  try {
    // One after the other: running both at once measured 10–25 % fewer encryptions per CPU
    // second with many requests in flight, to save tens of microseconds on a single one.
    const encryptedKey = await encryptContentKey(key, contentKey)
    const { ciphertext, tag } = await encryptContent(
      contentKey,
      iv,
      encoder.encode(protectedHeader),
      plaintext,
    )
    return [
      protectedHeader,
      encodeBase64Url(encryptedKey),
      encodeBase64Url(iv),
      encodeBase64Url(ciphertext),
      encodeBase64Url(tag),
    ].join('.')
  } catch {
    // The runtime's error is dropped on purpose: it may describe the plaintext.
    throw new FlexEncryptionError('the payment data could not be encrypted (WebCrypto failed)')
  } finally {
    contentKey.fill(0)
  }
}

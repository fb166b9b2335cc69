import type { CaptureContext } from 'flex-types'
import { SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE } from 'test-utils'

const encoder = new TextEncoder()
const base64Url = (bytes: Uint8Array | ArrayBuffer) =>
  Buffer.from(new Uint8Array(bytes)).toString('base64url')

/**
 * Does what Microform's card field does in the browser (the emulated library's field-crypto.js):
 * encrypts `{ data: { paymentInformation: { card } }, context, index }` to the context's
 * one-time key and posts it to `flx.origin + flx.path`, answering the transient token.
 *
 * @example
 * ```ts
 * const jwt = await createMicroformToken(captureContext)
 * ```
 */
export async function createMicroformToken(
  captureContext: CaptureContext,
  card = SENTINEL_CARD_NUMBERS[3] as string,
): Promise<string> {
  const { n, e, kid } = captureContext.encryptionKey
  const key = await crypto.subtle.importKey(
    'jwk',
    { kty: 'RSA', n, e },
    { name: 'RSA-OAEP', hash: 'SHA-256' },
    false,
    ['encrypt'],
  )
  const header = base64Url(
    encoder.encode(JSON.stringify({ kid, alg: 'RSA-OAEP-256', enc: 'A256GCM' })),
  )
  const payload = {
    data: {
      paymentInformation: {
        card: {
          number: card,
          securityCode: SENTINEL_SECURITY_CODE,
          expirationMonth: '09',
          expirationYear: String(new Date().getUTCFullYear() + 2),
        },
      },
    },
    context: captureContext.jwt,
    index: 0,
  }
  const contentKey = crypto.getRandomValues(new Uint8Array(32))
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const aes = await crypto.subtle.importKey('raw', contentKey, 'AES-GCM', false, ['encrypt'])
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(header) },
      aes,
      encoder.encode(JSON.stringify(payload)),
    ),
  )
  const wrapped = await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, key, contentKey)
  const jwe = [header, wrapped, iv, sealed.slice(0, -16), sealed.slice(-16)]
    .map((part) => (typeof part === 'string' ? part : base64Url(part)))
    .join('.')
  const response = await fetch(captureContext.tokensUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/jwt' },
    body: jwe,
  })
  if (response.status !== 201) throw new Error(`the emulator answered ${response.status}`)
  return response.text()
}

const CHUNK = 0x8000

/**
 * Encodes bytes, or a string as UTF-8, as unpadded base64url (RFC 4648 §5) with web-standard
 * APIs only.
 *
 * @example
 * ```ts
 * encodeBase64Url(new Uint8Array([1, 0, 1])) // 'AQAB'
 * encodeBase64Url('{"alg":"RSA-OAEP-256"}')
 * ```
 */
export function encodeBase64Url(input: Uint8Array | string): string {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input
  let binary = ''
  for (let start = 0; start < bytes.length; start += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK))
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

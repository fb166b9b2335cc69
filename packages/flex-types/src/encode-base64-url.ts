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
  const native = (bytes as { toBase64?: (options: object) => string }).toBase64
  if (native) return native.call(bytes, { alphabet: 'base64url', omitPadding: true })
  const chunks: string[] = []
  for (let start = 0; start < bytes.length; start += CHUNK) {
    // apply, not spread: a typed array passed whole is far faster than its elements one by one.
    chunks.push(String.fromCharCode.apply(null, bytes.subarray(start, start + CHUNK) as never))
  }
  return btoa(chunks.join('')).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
}

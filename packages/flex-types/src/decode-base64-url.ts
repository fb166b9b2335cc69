const BASE64URL = /^[A-Za-z0-9_-]*$/

/**
 * Decodes unpadded base64url (RFC 4648 §5) with web-standard APIs; `undefined` for anything
 * else, including padding and characters outside the alphabet.
 *
 * @example
 * ```ts
 * decodeBase64Url('AQAB') // Uint8Array [1, 0, 1]
 * ```
 */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (typeof text !== 'string' || !BASE64URL.test(text) || text.length % 4 === 1) return undefined
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index)
  return bytes
}

/**
 * The longest `signature` header read. A real one (key id, algorithm, a list of signed header
 * names, a base64 HMAC) is a few hundred characters.
 */
export const MAX_SIGNATURE_HEADER_LENGTH = 4096

const isLetter = (code: number): boolean =>
  (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
const SPACE = /\s/

function skipSpaces(value: string, from: number): number {
  let index = from
  while (index < value.length && SPACE.test(value.charAt(index))) index += 1
  return index
}

/**
 * Reads the `name="value"` parameters of an HTTP Signature header in one pass (linear in the
 * length, whatever the input): names are letters, matched case-insensitively (lower-cased), the
 * value is everything up to the next double quote, the last of a repeated name wins, and text
 * between the pairs (commas, spaces, anything else) is skipped.
 *
 * @example
 * ```ts
 * parseSignatureHeader('keyid="k", algorithm="HmacSHA256"').get('algorithm') // 'HmacSHA256'
 * ```
 */
export function parseSignatureHeader(value: string): Map<string, string> {
  const parameters = new Map<string, string>()
  let index = 0
  while (index < value.length) {
    if (!isLetter(value.charCodeAt(index))) {
      index += 1
      continue
    }
    const nameStart = index
    while (index < value.length && isLetter(value.charCodeAt(index))) index += 1
    const name = value.slice(nameStart, index)
    index = skipSpaces(value, index)
    if (value.charCodeAt(index) !== 61) continue
    index = skipSpaces(value, index + 1)
    if (value.charCodeAt(index) !== 34) continue
    const close = value.indexOf('"', index + 1)
    // No closing quote anywhere after this one: no further pair can be complete.
    if (close === -1) break
    parameters.set(name.toLowerCase(), value.slice(index + 1, close))
    index = close + 1
  }
  return parameters
}

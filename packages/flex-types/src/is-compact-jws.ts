/** The longest compact token the packages read (Cybersource's are ~2–4 KB). */
export const MAX_COMPACT_TOKEN_LENGTH = 65_536

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/
const COMPACT_JWE =
  /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

/**
 * The one shape check of a signed compact JWT: three non-empty base64url parts (an empty signature
 * is `alg: none` and never accepted), at most `MAX_COMPACT_TOKEN_LENGTH` characters.
 *
 * @example
 * ```ts
 * if (!isCompactJws(value)) throw new Error('not a signed JWT')
 * ```
 */
export function isCompactJws(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length <= MAX_COMPACT_TOKEN_LENGTH && COMPACT_JWS.test(value)
  )
}

/**
 * The one shape check of a compact JWE: five base64url parts, only the encrypted key may be empty,
 * at most `MAX_COMPACT_TOKEN_LENGTH` characters.
 *
 * @example
 * ```ts
 * isCompactJwe(jwe) // true for what encryptPaymentData returns
 * ```
 */
export function isCompactJwe(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length <= MAX_COMPACT_TOKEN_LENGTH && COMPACT_JWE.test(value)
  )
}

/**
 * Tells whether a value is an object as `JSON.parse` makes them: not `null`, not an array. The
 * guard every reader of untrusted JSON (token claims, error bodies, JWKs) starts with.
 *
 * @example
 * ```ts
 * const body: unknown = JSON.parse(text)
 * const reason = isJsonObject(body) ? body.reason : undefined
 * ```
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

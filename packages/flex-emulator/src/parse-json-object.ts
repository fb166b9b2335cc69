import { isJsonObject } from 'flex-types/internal'

/**
 * Parses strict UTF-8 JSON whose top level is an object, or says which of those it is not:
 * `'json'` (not UTF-8 or not JSON) or `'not-object'`.
 */
export function parseJsonObject(
  bytes: Uint8Array,
): Record<string, unknown> | 'json' | 'not-object' {
  let parsed: unknown
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    return 'json'
  }
  return isJsonObject(parsed) ? parsed : 'not-object'
}

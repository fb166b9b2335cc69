import { parseJsonObject } from './parse-json-object.js'
import { readContentType } from './read-content-type.js'

/**
 * The JSON object of a request sent as `application/json` (any charset parameter `utf-8`), or
 * which of those it is not.
 */
export function readJsonRequestBody(request: {
  headers: Record<string, string | string[] | undefined>
  body: Uint8Array
}): Record<string, unknown> | 'content-type' | 'json' | 'not-object' {
  const { mediaType, charsets } = readContentType(request.headers['content-type'])
  if (mediaType !== 'application/json' || charsets.some((charset) => charset !== 'utf-8')) {
    return 'content-type'
  }
  return parseJsonObject(request.body)
}

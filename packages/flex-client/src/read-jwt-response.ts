import { isCompactJws } from 'flex-types/internal'
import { readSuccessBody, unexpectedResponse } from './read-success-body.js'
import type { FailedRequest } from './to-flex-error.js'

/** The compact JWT a success answer carries, or the typed error saying what came instead. */
export async function readJwtResponse(response: Response, request: FailedRequest): Promise<string> {
  const body = await readSuccessBody(response, request)
  if (body.text !== undefined && !body.json && isCompactJws(body.text)) return body.text
  throw unexpectedResponse(response, request, body)
}

import { isCompactJws } from 'flex-types/internal'
import { readCorrelationIdHeader } from './create-flex-http-error.js'
import { FlexTimeoutError, FlexUnexpectedResponseError } from './errors.js'
import { readResponseText } from './read-response-text.js'
import type { FailedRequest } from './to-flex-error.js'

/** The compact JWT a success answer carries, or the typed error saying what came instead. */
export async function readJwtResponse(response: Response, request: FailedRequest): Promise<string> {
  const { method, path, timeout } = request
  const contentType = response.headers.get('content-type') ?? undefined
  const body = await readResponseText(response, timeout)
  if (!body.ok && body.reason === 'timeout') throw new FlexTimeoutError({ method, path, timeout })
  if (body.ok && isCompactJws(body.text) && !/json/i.test(contentType ?? '')) return body.text
  throw new FlexUnexpectedResponseError({
    status: response.status,
    method,
    path,
    contentType: contentType?.split(';')[0]?.trim().slice(0, 100),
    correlationId: readCorrelationIdHeader(response.headers),
    bodyTooLarge: !body.ok,
  })
}

import { readCorrelationIdHeader } from './create-flex-http-error.js'
import { FlexTimeoutError, FlexUnexpectedResponseError } from './errors.js'
import { readResponseText } from './read-response-text.js'
import type { FailedRequest } from './to-flex-error.js'

/** The body of a success answer: its text (`undefined` when over the size limit) and whether it says JSON. */
export interface SuccessBody {
  text: string | undefined
  json: boolean
}

/** Reads a success answer's body within the time and size limits; a timeout throws. */
export async function readSuccessBody(
  response: Response,
  request: FailedRequest,
): Promise<SuccessBody> {
  const { method, path, timeout } = request
  const body = await readResponseText(response, timeout)
  if (!body.ok && body.reason === 'timeout') throw new FlexTimeoutError({ method, path, timeout })
  const json = /json/i.test(response.headers.get('content-type') ?? '')
  return { text: body.ok ? body.text : undefined, json }
}

/** The error saying that a success answer did not carry what was expected. */
export function unexpectedResponse(
  response: Response,
  request: FailedRequest,
  body: SuccessBody,
): FlexUnexpectedResponseError {
  return new FlexUnexpectedResponseError({
    status: response.status,
    method: request.method,
    path: request.path,
    contentType: response.headers.get('content-type')?.split(';')[0]?.trim().slice(0, 100),
    correlationId: readCorrelationIdHeader(response.headers),
    bodyTooLarge: body.text === undefined,
  })
}

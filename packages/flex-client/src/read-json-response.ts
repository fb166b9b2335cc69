import { readCorrelationIdHeader } from './create-flex-http-error.js'
import { FlexTimeoutError, FlexUnexpectedResponseError } from './errors.js'
import { readResponseText } from './read-response-text.js'
import type { FailedRequest } from './to-flex-error.js'

/** A 2xx answer of `client.request`: the parsed JSON body and the correlation id. */
export interface FlexApiResponse {
  status: number
  /** The parsed JSON body, or `undefined` when the answer has none (e.g. 204). */
  body: unknown
  /** `v-c-correlation-id`, for support tickets. */
  correlationId: string | undefined
}

type Parsed = { ok: true; value: unknown } | { ok: false }

function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

/** The JSON body of a success answer, or the typed error saying what came instead. */
export async function readJsonResponse(
  response: Response,
  request: FailedRequest,
): Promise<FlexApiResponse> {
  const { method, path, timeout } = request
  const contentType = response.headers.get('content-type') ?? undefined
  const correlationId = readCorrelationIdHeader(response.headers)
  const body = await readResponseText(response, timeout)
  if (!body.ok && body.reason === 'timeout') throw new FlexTimeoutError({ method, path, timeout })
  if (body.ok && body.text === '')
    return { status: response.status, body: undefined, correlationId }
  const parsed: Parsed =
    body.ok && /json/i.test(contentType ?? '') ? parseJson(body.text) : { ok: false }
  if (parsed.ok) return { status: response.status, body: parsed.value, correlationId }
  throw new FlexUnexpectedResponseError({
    status: response.status,
    method,
    path,
    contentType: contentType?.split(';')[0]?.trim().slice(0, 100),
    correlationId,
    bodyTooLarge: !body.ok,
  })
}

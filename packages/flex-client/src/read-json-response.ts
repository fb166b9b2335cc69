import { readCorrelationIdHeader } from './create-flex-http-error.js'
import { readSuccessBody, unexpectedResponse } from './read-success-body.js'
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
  const correlationId = readCorrelationIdHeader(response.headers)
  const body = await readSuccessBody(response, request)
  if (body.text === '') return { status: response.status, body: undefined, correlationId }
  const parsed: Parsed = body.text !== undefined && body.json ? parseJson(body.text) : { ok: false }
  if (parsed.ok) return { status: response.status, body: parsed.value, correlationId }
  throw unexpectedResponse(response, request, body)
}

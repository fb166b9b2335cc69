import { FlexError } from 'flex-types'
import { containsCardLikeDigits } from 'flex-types/internal'
import { isHTTPError, isTimeoutError } from 'ky'
import { createFlexHttpError } from './create-flex-http-error.js'
import { FlexNetworkError, FlexTimeoutError } from './errors.js'
import { readResponseText } from './read-response-text.js'

/** The safe description of the request that failed. */
export interface FailedRequest {
  method: string
  path: string
  timeout: number
  /** The host and port tried, named by a network error (configuration, not a secret). */
  host?: string | undefined
  port?: number | undefined
}

// Runtimes differ in where they put the reason (undici: `cause.code`, sometimes one level deeper
// or on an AggregateError's errors): only a well-formed upper-case code is copied.
const CAUSE_CODE = /^[A-Z][A-Z0-9_]{1,63}$/
const MAX_CAUSE_DEPTH = 6

/** The first well-formed `code` in the error's cause chain, e.g. `ECONNREFUSED`. */
export function readCauseCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < MAX_CAUSE_DEPTH; depth += 1) {
    if (typeof current !== 'object' || current === null) return undefined
    const { code, cause, errors } = current as { code?: unknown; cause?: unknown; errors?: unknown }
    if (typeof code === 'string' && CAUSE_CODE.test(code) && !containsCardLikeDigits(code))
      return code
    current = cause ?? (Array.isArray(errors) ? errors[0] : undefined)
  }
  return undefined
}

/** The error body's text, or '' when it cannot be read within the time and size limits. */
async function readErrorBody(response: Response, timeout: number): Promise<string> {
  try {
    const body = await readResponseText(response, timeout)
    return body.ok ? body.text : ''
  } catch {
    return ''
  }
}

/**
 * The only place that knows ky's errors: turns whatever a ky call threw into a Flex error. ky's
 * errors hold the request (with its credential headers), so they are never kept as `cause`.
 */
export async function toFlexError(error: unknown, request: FailedRequest): Promise<FlexError> {
  if (FlexError.isInstance(error)) return error
  if (isHTTPError(error)) {
    return createFlexHttpError({
      status: error.response.status,
      headers: error.response.headers,
      body: await readErrorBody(error.response, request.timeout),
      method: request.method,
      path: request.path,
    })
  }
  if (isTimeoutError(error)) {
    return new FlexTimeoutError(request)
  }
  // fetch rejects with a TypeError (its `cause` says why: refused, reset, DNS); it carries no
  // request headers, so it is kept for diagnosis.
  const { method, path, host, port } = request
  return new FlexNetworkError(
    { method, path, host, port, causeCode: readCauseCode(error) },
    error instanceof TypeError ? { cause: error } : {},
  )
}

const NOT_CONNECTED_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
])

/**
 * Whether a fetch failure shows that no connection was made, so the request cannot have reached
 * the service. Runtimes that do not say why are treated as "may have been sent".
 */
export function failedBeforeSending(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && NOT_CONNECTED_CODES.has(code)) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

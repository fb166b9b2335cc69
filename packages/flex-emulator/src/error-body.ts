import { randomUUID } from 'node:crypto'

/** One entry of a Cybersource error body's `details`. */
export interface ErrorDetail {
  location: string
  message: string
}

/** A Cybersource-shaped error body (docs/protocol.md section 7.1). */
export interface ErrorBody {
  correlationId: string
  details: ErrorDetail[]
  informationLink?: string
  message: string
  reason: string
}

/** The body Cybersource's gateway answers an authentication failure with (docs/protocol.md 7.3). */
interface GatewayErrorBody {
  response: { rmsg: string }
}

/** The `responseStatus` form (docs/protocol.md 7.2), answered by the capture-context routes. */
interface ResponseStatusBody {
  responseStatus: {
    status: number
    reason: string
    message: string
    correlationId: null
    details: ErrorDetail[]
    _embedded: Record<string, never>
  }
  _links: { self: null; documentation: []; next: [] }
}

/** A refusal: the HTTP status and the Cybersource-shaped body to answer with. */
export interface Refusal {
  status: number
  body: ErrorBody
  /** Sent instead of `body` when the real service answers in another form. */
  gatewayBody?: GatewayErrorBody | ResponseStatusBody
  /** For the log line only, never the HTTP answer: which check failed. */
  logDetail?: string
}

/** Builds a refusal with a fresh correlation id; messages never carry request values. */
export function refuse(
  status: number,
  reason: string,
  message: string,
  details: ErrorDetail[] = [],
): Refusal {
  return { status, body: { correlationId: randomUUID(), details, message, reason } }
}

/**
 * The 401 of a failed merchant authentication, as the gateway answers it:
 * `{"response":{"rmsg":"Authentication Failed"}}` whatever the check; `problem` (which check
 * failed, never a value) goes to the log line only.
 */
export function refuseAuthentication(problem: string): Refusal {
  return {
    ...refuse(401, 'AUTHENTICATION_FAILED', 'Authentication Failed'),
    gatewayBody: { response: { rmsg: 'Authentication Failed' } },
    logDetail: problem,
  }
}

/**
 * A 400 `VALIDATION_ERROR` in the `responseStatus` form, as `/microform/v2/sessions` answers a
 * bad target origin: `details` name the member and its index, never its value.
 */
export function refuseValidation(details: ErrorDetail[]): Refusal {
  const message = 'One or more validation errors occurred'
  const refusal = refuse(400, 'VALIDATION_ERROR', message, details)
  return {
    ...refusal,
    gatewayBody: {
      responseStatus: {
        status: 400,
        reason: 'VALIDATION_ERROR',
        message,
        correlationId: null,
        details,
        _embedded: {},
      },
      _links: { self: null, documentation: [], next: [] },
    },
  }
}

/** A refusal as the log line shows it: `401 AUTHENTICATION_FAILED (unknown key id)`. */
export function describeRefusal(refusal: Refusal): string {
  const outcome = `${refusal.status} ${refusal.body.reason}`
  return refusal.logDetail === undefined ? outcome : `${outcome} (${refusal.logDetail})`
}

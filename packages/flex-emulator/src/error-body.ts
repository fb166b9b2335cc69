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

/** A refusal: the HTTP status and the Cybersource-shaped body to answer with. */
export interface Refusal {
  status: number
  body: ErrorBody
  /** Sent instead of `body` when the real service answers in the gateway's form. */
  gatewayBody?: GatewayErrorBody
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

/** A refusal as the log line shows it: `401 AUTHENTICATION_FAILED (unknown key id)`. */
export function describeRefusal(refusal: Refusal): string {
  const outcome = `${refusal.status} ${refusal.body.reason}`
  return refusal.logDetail === undefined ? outcome : `${outcome} (${refusal.logDetail})`
}

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

/** A refusal: the HTTP status and the Cybersource-shaped body to answer with. */
export interface Refusal {
  status: number
  body: ErrorBody
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

import type { ServerResponse } from 'node:http'
import type { Refusal } from './error-body.js'

/** Writes a whole answer with its Content-Length; `head` leaves the body out. */
export function sendResponse(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
  head: boolean,
): void {
  const bytes = Buffer.from(body, 'utf8')
  response.writeHead(status, { ...headers, 'Content-Length': String(bytes.length) })
  response.end(head ? undefined : bytes)
}

/**
 * Writes a refusal as Cybersource does: JSON body (the gateway's form when the refusal has one)
 * and a `v-c-correlation-id` header.
 */
export function sendRefusal(
  response: ServerResponse,
  refusal: Refusal,
  extra: Record<string, string> = {},
): void {
  sendResponse(
    response,
    refusal.status,
    {
      'Content-Type': 'application/json;charset=utf-8',
      'v-c-correlation-id': refusal.body.correlationId,
      ...extra,
    },
    JSON.stringify(refusal.gatewayBody ?? refusal.body),
    false,
  )
}

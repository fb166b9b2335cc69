import type { SessionFieldSelection, SessionFields } from 'flex-types'
import { buildSessionRequestBody } from 'flex-types/internal'
import type { FlexSender } from './create-flex-sender.js'
import type { RetryPolicies } from './create-retry-policies.js'
import type { FlexOperation } from './flex-client-hooks.js'
import { readJwtResponse } from './read-jwt-response.js'
import { encodeJsonBody } from './read-request-options.js'

/** One capture-context request: the operation, the route and the JSON body. */
export interface CaptureContextRequest {
  operation: FlexOperation
  url: URL
  body: unknown
}

/**
 * The one way a capture context is requested: an authenticated JSON POST (`application/json;
 * charset=utf-8`, `Accept: application/jwt`), retried as a repeatable request, whose answer is
 * the compact JWT as is, never parsed as JSON. A body that cannot be sent is a usage error.
 */
export function postCaptureContextRequest(
  send: FlexSender,
  policies: RetryPolicies,
  request: CaptureContextRequest,
): Promise<string> {
  const body = encodeJsonBody(request.operation, 'options', request.body)
  return send(
    {
      operation: request.operation,
      method: 'POST',
      url: request.url,
      body,
      headers: { 'content-type': 'application/json;charset=utf-8', accept: 'application/jwt' },
      retry: policies.repeatable,
      authenticate: true,
    },
    readJwtResponse,
  )
}

/**
 * `POST /flex/v2/sessions`, authenticated: the capture context JWT, not yet verified. Invalid
 * fields throw before anything is sent.
 */
export function postSession(
  send: FlexSender,
  origin: string,
  policies: RetryPolicies,
  fields: SessionFields | readonly SessionFieldSelection[],
): Promise<string> {
  return postCaptureContextRequest(send, policies, {
    operation: 'createSession',
    url: new URL('/flex/v2/sessions', origin),
    body: buildSessionRequestBody(fields),
  })
}

import type { SessionFieldSelection, SessionFields } from 'flex-types'
import { buildSessionRequestBody } from 'flex-types/internal'
import type { FlexSender } from './create-flex-sender.js'
import type { RetryPolicies } from './create-retry-policies.js'
import { readJwtResponse } from './read-jwt-response.js'

const encoder = new TextEncoder()

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
  const body = encoder.encode(JSON.stringify(buildSessionRequestBody(fields)))
  return send(
    {
      operation: 'createSession',
      method: 'POST',
      url: new URL('/flex/v2/sessions', origin),
      body,
      headers: { 'content-type': 'application/json;charset=utf-8', accept: 'application/jwt' },
      retry: policies.repeatable,
      authenticate: true,
    },
    readJwtResponse,
  )
}

import { readSessionFields } from 'flex-types/internal'
import type { EmulatorState } from './emulator-state.js'
import { rememberCaptureContext } from './emulator-state.js'
import { type Refusal, refuse, refuseAuthentication } from './error-body.js'
import { issueCaptureContext } from './issue-capture-context.js'
import { readJsonRequestBody } from './read-json-request-body.js'
import {
  type AuthenticatedRequest,
  authenticateMerchant,
} from './verify-merchant-authentication.js'

const JSON_BODY_PROBLEMS = {
  'content-type': 'Content-Type must be application/json',
  json: 'The request body is not valid JSON',
  'not-object': 'The request body must be a JSON object',
} as const

/**
 * `POST /flex/v2/sessions`: merchant authentication first (nothing about the body is revealed
 * to an unauthenticated caller), then the content type, the JSON and the `fields`, then a new
 * capture context.
 */
export async function handleSessions(
  state: EmulatorState,
  request: AuthenticatedRequest,
): Promise<{ status: 201; jwt: string } | Refusal> {
  const authentication = authenticateMerchant(state, request)
  if (!authentication.ok) {
    return refuseAuthentication(authentication.problem)
  }
  const body = readJsonRequestBody(request)
  if (typeof body === 'string') {
    return refuse(400, 'CAPTURE_CONTEXT_INVALID', JSON_BODY_PROBLEMS[body], [
      body === 'content-type'
        ? { location: 'Content-Type', message: 'must be application/json' }
        : { location: 'body', message: 'must be a JSON object' },
    ])
  }
  // An unknown member is not named: its name is the caller's text and could be card data.
  const extra = Object.keys(body).some((key) => key !== 'fields')
  const { requiredFields, optionalFields, issues } = readSessionFields(body.fields)
  const details = [
    ...(extra ? [{ location: 'body', message: 'must have fields as its only member' }] : []),
    ...issues.map((issue) => ({ location: issue.path, message: issue.message })),
  ]
  if (details.length > 0) {
    return refuse(400, 'CAPTURE_CONTEXT_INVALID', 'Invalid fields in the request', details)
  }
  const keys = await state.keyPool.take()
  const record = await issueCaptureContext({
    signingKey: state.signingKeys.current(),
    keys,
    origin: state.origin,
    merchantId: authentication.merchant.merchantId,
    requiredFields,
    optionalFields,
    now: state.clock.now(),
    sealKey: state.sealKey,
  })
  rememberCaptureContext(state, record)
  return { status: 201, jwt: record.jwt }
}

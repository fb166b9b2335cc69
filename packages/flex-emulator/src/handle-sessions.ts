import { readSessionFields } from 'flex-types/internal'
import type { EmulatorState } from './emulator-state.js'
import { pruneState } from './emulator-state.js'
import { type Refusal, refuse, refuseAuthentication } from './error-body.js'
import { issueCaptureContext } from './issue-capture-context.js'
import { readContentType } from './read-content-type.js'
import {
  type AuthenticatedRequest,
  authenticateMerchant,
} from './verify-merchant-authentication.js'

function isJsonContentType(value: unknown): boolean {
  const { mediaType, charsets } = readContentType(value)
  return mediaType === 'application/json' && charsets.every((charset) => charset === 'utf-8')
}

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
  if (!isJsonContentType(request.headers['content-type'])) {
    return refuse(400, 'CAPTURE_CONTEXT_INVALID', 'Content-Type must be application/json', [
      { location: 'Content-Type', message: 'must be application/json' },
    ])
  }
  let body: unknown
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(request.body))
  } catch {
    return refuse(400, 'CAPTURE_CONTEXT_INVALID', 'The request body is not valid JSON', [
      { location: 'body', message: 'must be a JSON object' },
    ])
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return refuse(400, 'CAPTURE_CONTEXT_INVALID', 'The request body must be a JSON object', [
      { location: 'body', message: 'must be a JSON object' },
    ])
  }
  // An unknown member is not named: its name is the caller's text and could be card data.
  const extra = Object.keys(body).some((key) => key !== 'fields')
  const { requiredFields, optionalFields, issues } = readSessionFields(
    (body as { fields?: unknown }).fields,
  )
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
  pruneState(state)
  state.contextsByJwt.set(record.jwt, record)
  state.contextsByKid.set(record.kid, record)
  return { status: 201, jwt: record.jwt }
}

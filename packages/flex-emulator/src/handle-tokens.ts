import { createHash } from 'node:crypto'
import { detectCardBrand, FLEX_FIELD_PATHS, type FlexFieldPath, maskCardNumber } from 'flex-types'
import { buildTokenContent } from './build-token-content.js'
import { decryptPaymentJwe } from './decrypt-payment-jwe.js'
import type { EmulatorState } from './emulator-state.js'
import { pruneState } from './emulator-state.js'
import { type Refusal, refuse } from './error-body.js'
import type { InspectedTransientToken } from './inspected-transient-token.js'
import type { CaptureContextRecord } from './issue-capture-context.js'
import { randomUpperAlphanumeric } from './random-id.js'
import { readContentType } from './read-content-type.js'
import { readIssuedTokenFacts, rememberIssuedToken } from './remember-issued-token.js'
import { signCompactRs256 } from './sign-compact-rs256.js'
import { validateDecryptedData } from './validate-decrypted-data.js'

const TRANSIENT_TOKEN_LIFETIME_SECONDS = 900

function readJwe(contentType: unknown, body: Uint8Array): string | Refusal {
  const text = Buffer.from(body).toString('utf8').trim()
  if (text === '') {
    return refuse(400, 'CREATE_TOKEN_NO_DATA_SUBMITTED', 'The request body is empty')
  }
  const type = readContentType(contentType).mediaType
  if (type === 'application/jwt' || type === 'application/jose' || type === 'text/plain') {
    return text
  }
  if (type === 'application/json') {
    try {
      const parsed: unknown = JSON.parse(text)
      const keyId = (parsed as { keyId?: unknown } | null)?.keyId
      if (typeof keyId === 'string' && keyId !== '') return keyId.trim()
    } catch {
      // Falls through to the parsing error below.
    }
    return refuse(400, 'API_JWE_PARSING_ERROR', 'The body must be {"keyId": "<compact JWE>"}', [
      { location: 'keyId', message: 'must be a compact JWE' },
    ])
  }
  return refuse(400, 'API_JWE_PARSING_ERROR', 'Content-Type must be application/jwt', [
    { location: 'Content-Type', message: 'must be application/jwt or application/json' },
  ])
}

function presentFields(data: Record<string, unknown>): FlexFieldPath[] {
  return FLEX_FIELD_PATHS.filter((path) => {
    let node: unknown = data
    for (const part of path.split('.')) {
      node =
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[part]
          : undefined
    }
    return typeof node === 'string' && node !== ''
  })
}

function cardNumberOf(data: Record<string, unknown>): string | undefined {
  const card = (data.paymentInformation as { card?: { number?: unknown } } | undefined)?.card
  return typeof card?.number === 'string' ? card.number : undefined
}

function checkContext(
  state: EmulatorState,
  context: unknown,
  decryptedWith: CaptureContextRecord,
): Refusal | undefined {
  if (typeof context !== 'string' || context === '') {
    return refuse(400, 'CAPTURE_CONTEXT_INVALID', 'The payload has no capture context', [
      { location: 'context', message: 'must be the capture context JWT' },
    ])
  }
  const record = state.contextsByJwt.get(context)
  if (!record) {
    return refuse(
      400,
      'CREATE_TOKEN_CAPTURE_CONTEXT_NOT_FOUND',
      'The capture context was not issued here',
    )
  }
  if (record !== decryptedWith) {
    return refuse(
      400,
      'CAPTURE_CONTEXT_INVALID',
      'The capture context does not belong to the key the data was encrypted to',
    )
  }
  if (Math.floor(state.clock.now().getTime() / 1000) >= record.expiresAt) {
    return refuse(400, 'CAPTURE_CONTEXT_EXPIRED', 'The capture context has expired')
  }
  if (record.uses >= state.maxUsesPerCaptureContext) {
    return refuse(
      400,
      'CREATE_TOKEN_CAPTURE_CONTEXT_USED_TOO_MANY_TIMES',
      'The capture context has been used too many times',
    )
  }
  return undefined
}

async function decryptPayload(
  state: EmulatorState,
  request: { headers: Record<string, string | string[] | undefined>; body: Uint8Array },
): Promise<{ payload: Record<string, unknown>; record: CaptureContextRecord } | Refusal> {
  const jwe = readJwe(request.headers['content-type'], request.body)
  if (typeof jwe !== 'string') return jwe
  let decryptedWith: CaptureContextRecord | undefined
  let forgotten = false
  const plaintext = await decryptPaymentJwe(jwe, (kid) => {
    decryptedWith = kid === undefined ? undefined : state.contextsByKid.get(kid)
    forgotten = !decryptedWith && kid !== undefined && state.forgottenKids.has(kid)
    return decryptedWith?.keys.privateKey
  })
  // A context forgotten (long expired, or evicted past maxCaptureContexts) gets the answer the
  // emulator gave while it still remembered it.
  if (forgotten) return refuse(400, 'CAPTURE_CONTEXT_EXPIRED', 'The capture context has expired')
  if (!plaintext || !decryptedWith) {
    return refuse(400, 'CREATE_TOKEN_DECRYPTION', 'The data could not be decrypted')
  }
  let payload: unknown
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext))
  } catch {
    return refuse(400, 'API_JWE_PARSING_ERROR', 'The decrypted payload is not valid JSON')
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return refuse(400, 'API_JWE_PARSING_ERROR', 'The decrypted payload must be a JSON object')
  }
  return { payload: payload as Record<string, unknown>, record: decryptedWith }
}

async function issueTransientToken(
  state: EmulatorState,
  record: CaptureContextRecord,
  normalized: Record<string, unknown>,
  now: Date,
): Promise<{ status: 201; jwt: string; digest: string }> {
  const issuedAt = Math.floor(now.getTime() / 1000)
  const expiresAt = issuedAt + TRANSIENT_TOKEN_LIFETIME_SECONDS
  const jti = randomUpperAlphanumeric(64)
  const claims = {
    iss: `Flex/${state.issuerNumber}`,
    exp: expiresAt,
    type: record.type,
    iat: issuedAt,
    jti,
  }
  const content = buildTokenContent(normalized)
  const jwt = await signCompactRs256(
    { kid: record.kid, alg: 'RS256' },
    JSON.stringify(content === undefined ? claims : { ...claims, content }),
    record.keys.privateKey,
  )
  const cardNumber = cardNumberOf(normalized)
  const received: InspectedTransientToken = {
    jti,
    fields: presentFields(normalized),
    issuedAt: new Date(issuedAt * 1000),
    expiresAt: new Date(expiresAt * 1000),
  }
  if (cardNumber !== undefined) {
    received.maskedCard = {
      bin: cardNumber.slice(0, 6),
      lastFour: cardNumber.slice(-4),
      maskedNumber: maskCardNumber(cardNumber, { visibleStart: 6 }),
      brand: detectCardBrand(cardNumber),
    }
  }
  pruneState(state)
  state.transientTokens.set(jti, received)
  rememberIssuedToken(state, jti, readIssuedTokenFacts(record.kid, normalized))
  const digest = `SHA-256=${createHash('sha256').update(jwt).digest('base64')}`
  return { status: 201, jwt, digest }
}

/**
 * `POST /flex/v2/tokens`: decrypt with the allow-list, check the embedded capture context
 * (issued here, bound to the decrypting key, unexpired, not used up), validate the data
 * against its fields, and answer with a transient token signed by the one-time key.
 */
export async function handleTokens(
  state: EmulatorState,
  request: { headers: Record<string, string | string[] | undefined>; body: Uint8Array },
): Promise<{ status: 201; jwt: string; digest: string } | Refusal> {
  const decrypted = await decryptPayload(state, request)
  if ('status' in decrypted) return decrypted
  const { payload, record } = decrypted
  const { data, context, index } = payload
  const contextRefusal = checkContext(state, context, record)
  if (contextRefusal) return contextRefusal
  // Strict side of an unknown rule: every decrypted request naming a valid context uses it up.
  record.uses += 1
  if (index !== undefined && (!Number.isInteger(index) || (index as number) < 0)) {
    return refuse(400, 'API_JWE_PARSING_ERROR', 'index must be a non-negative integer', [
      { location: 'index', message: 'must be a non-negative integer' },
    ])
  }
  if (
    data === undefined ||
    data === null ||
    (typeof data === 'object' && Object.keys(data).length === 0)
  ) {
    return refuse(400, 'CREATE_TOKEN_NO_DATA_SUBMITTED', 'The payload carries no data')
  }
  const now = state.clock.now()
  const validation = validateDecryptedData(data, record.requiredFields, record.optionalFields, now)
  if (validation.issues.length > 0) {
    return refuse(
      400,
      'CREATE_TOKEN_VALIDATION_SERVERSIDE',
      'The data does not satisfy the capture context',
      validation.issues.map((issue) => ({
        location: `captureData.${issue.path}`,
        message: issue.message,
      })),
    )
  }
  return issueTransientToken(state, record, validation.data, now)
}

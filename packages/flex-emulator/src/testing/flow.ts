// Test-only: the client side of the flow written with jose directly (not flex-jwe/flex-jwt).
import {
  CompactEncrypt,
  compactVerify,
  decodeJwt,
  decodeProtectedHeader,
  importJWK,
  type JWK,
} from 'jose'
import { SENTINEL_CARD_NUMBERS } from 'test-utils'
import type { FlexEmulator } from '../start-flex-emulator.js'
import { jwtHeaders } from './merchant-request.js'

export const CARD_FIELDS = {
  paymentInformation: {
    card: {
      number: {},
      securityCode: { required: false },
      expirationMonth: { required: true },
      expirationYear: { required: true },
    },
  },
}

export function cardData(number = SENTINEL_CARD_NUMBERS[0] as string): Record<string, unknown> {
  return {
    paymentInformation: {
      card: {
        number,
        securityCode: /^3[47]/.test(number) ? '7391' : '739',
        expirationMonth: '12',
        expirationYear: '2031',
      },
    },
  }
}

export async function createSession(
  emulator: FlexEmulator,
  fields: unknown = CARD_FIELDS,
): Promise<Response> {
  const body = JSON.stringify({ fields })
  return fetch(`${emulator.url}/flex/v2/sessions`, {
    method: 'POST',
    headers: jwtHeaders(emulator.url, emulator.merchant, body),
    body,
  })
}

export async function createCaptureContext(
  emulator: FlexEmulator,
  fields: unknown = CARD_FIELDS,
): Promise<string> {
  const response = await createSession(emulator, fields)
  if (response.status !== 201) throw new Error(`session answered ${response.status}`)
  return response.text()
}

export interface ContextClaims {
  flx: { path: string; origin: string; data: string; jwk: JWK & { kid: string } }
  ctx: { type: string; data: { requiredFields: string[]; optionalFields: string[] } }[]
  iss: string
  exp: number
  iat: number
  jti: string
}

export function contextClaims(jwt: string): ContextClaims {
  return decodeJwt(jwt) as unknown as ContextClaims
}

export async function encryptFor(
  context: string,
  payload: unknown,
  options: { alg?: string; enc?: string; header?: Record<string, unknown>; jwk?: JWK } = {},
): Promise<string> {
  const claims = contextClaims(context)
  const jwk = options.jwk ?? claims.flx.jwk
  const { alg = 'RSA-OAEP-256', enc = 'A256GCM' } = options
  const key = await importJWK({ ...jwk, alg }, alg)
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg, enc, kid: claims.flx.jwk.kid, ...options.header })
    .encrypt(key)
}

export async function tokenize(
  emulator: FlexEmulator,
  jwe: string,
  form: 'jwt' | 'json' = 'jwt',
): Promise<Response> {
  return fetch(`${emulator.url}/flex/v2/tokens`, {
    method: 'POST',
    headers:
      form === 'jwt'
        ? { 'content-type': 'application/jwt', accept: 'application/jwt' }
        : { 'content-type': 'application/json' },
    body: form === 'jwt' ? jwe : JSON.stringify({ keyId: jwe }),
  })
}

export async function verifyWithJwk(jwt: string, jwk: JWK): Promise<Record<string, unknown>> {
  const key = await importJWK({ kty: jwk.kty, n: jwk.n, e: jwk.e } as JWK, 'RS256')
  const { payload } = await compactVerify(jwt, key, { algorithms: ['RS256'] })
  return JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>
}

/**
 * Verifies a transient token as a merchant server does: the capture context with the emulator's
 * long-term key named in its header, then the token with the context's one-time key (`flx.jwk`,
 * whose kid the token's header must name). Resolves the token's claims.
 */
export async function verifyTokenOfContext(
  emulator: FlexEmulator,
  captureContext: string,
  token: string,
): Promise<Record<string, unknown>> {
  const { kid } = decodeProtectedHeader(captureContext)
  const longTerm = await fetch(`${emulator.url}/flex/v2/public-keys/${kid}`)
  const claims = (await verifyWithJwk(captureContext, await longTerm.json())) as {
    flx: { jwk: JWK }
  }
  if (decodeProtectedHeader(token).kid !== claims.flx.jwk.kid) {
    throw new Error('the token is not signed by the capture context key')
  }
  return verifyWithJwk(token, claims.flx.jwk)
}

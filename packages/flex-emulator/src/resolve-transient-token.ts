import { verify } from 'node:crypto'
import { decodeBase64Url } from 'flex-types/internal'
import type { EmulatorState } from './emulator-state.js'
import type { InspectedTransientToken } from './inspected-transient-token.js'
import { parseJsonObject } from './parse-json-object.js'
import type { IssuedTokenFacts } from './payment-record.js'
import { type PaymentRefusal, refuseField } from './payment-refusal.js'
import { isRefusal, type JsonObject, optionalString } from './read-payment-request.js'

const JWT_FIELD = 'tokenInformation.transientTokenJwt'
const JTI_FIELD = 'tokenInformation.jti'

function readJson(part: string): Record<string, unknown> | undefined {
  const bytes = decodeBase64Url(part)
  const value = bytes && parseJsonObject(bytes)
  return typeof value === 'object' ? value : undefined
}

// The kid of a JWT this emulator signed, or undefined for any other.
function verifiedKid(state: EmulatorState, jwt: string): { kid: string; jti: string } | undefined {
  const parts = jwt.split('.')
  if (parts.length !== 3) return undefined
  const [encodedHeader = '', encodedPayload = '', encodedSignature = ''] = parts
  const header = readJson(encodedHeader)
  const claims = readJson(encodedPayload)
  const signature = decodeBase64Url(encodedSignature)
  if (header?.alg !== 'RS256' || typeof header.kid !== 'string' || !signature) return undefined
  if (typeof claims?.jti !== 'string') return undefined
  const context = state.contextsByKid.get(header.kid)
  if (!context) return undefined
  const input = Buffer.from(`${encodedHeader}.${encodedPayload}`)
  // The private KeyObject verifies as its public half does, without re-importing the JWK.
  return verify('sha256', input, context.keys.privateKey, signature)
    ? { kid: header.kid, jti: claims.jti }
    : undefined
}

/**
 * The card a payment request names: `tokenInformation.transientTokenJwt` (signed by this
 * emulator) or `tokenInformation.jti`, issued for `merchantId`'s capture context, unexpired on
 * the emulator clock and not used for an authorization before.
 */
export function resolveTransientToken(
  state: EmulatorState,
  body: JsonObject,
  merchantId: string,
  now: Date,
): { jti: string; token: InspectedTransientToken; facts: IssuedTokenFacts } | PaymentRefusal {
  const jwt = optionalString(body, JWT_FIELD, now, 8192)
  if (isRefusal(jwt)) return jwt
  const jtiValue = optionalString(body, JTI_FIELD, now, 64)
  if (isRefusal(jtiValue)) return jtiValue
  if (jwt === undefined && jtiValue === undefined) {
    return refuseField(now, JWT_FIELD, 'MISSING_FIELD', 'A transient token is required')
  }
  const field = jwt === undefined ? JTI_FIELD : JWT_FIELD
  const found = jwt === undefined ? { jti: jtiValue as string } : verifiedKid(state, jwt)
  const facts = found && state.payments.issuedTokens.get(found.jti)
  const context = facts && state.contextsByKid.get(facts.kid)
  const token = found && state.transientTokens.get(found.jti)
  const signedBy = found && 'kid' in found ? found.kid : facts?.kid
  // Another merchant's token reads as unknown: its existence is not revealed.
  if (
    !found ||
    !token ||
    !facts ||
    !context ||
    context.merchantId !== merchantId ||
    signedBy !== facts.kid
  ) {
    return refuseField(now, field, 'INVALID_DATA', 'The transient token was not issued here')
  }
  if (now.getTime() >= token.expiresAt.getTime()) {
    return refuseField(now, field, 'INVALID_DATA', 'The transient token has expired')
  }
  if (facts.used) {
    return refuseField(
      now,
      field,
      'INVALID_DATA',
      'The transient token was used for an authorization already',
    )
  }
  return { jti: found.jti, token, facts }
}

import {
  type CaptureContext,
  FLEX_ENVIRONMENTS,
  FLEX_FIELD_REASONS,
  type FlexFieldIssue,
} from 'flex-types'
import { createUsageError, decodeBase64Url, isCompactJws, isJsonObject } from 'flex-types/internal'

const JTI = /^[A-Za-z0-9_-]{1,128}$/

/** `tokenInformation` of a payment: the JWT or its jti. */
export type TokenInformation = { transientTokenJwt: string } | { jti: string }

/**
 * Decodes the payload of a compact JWT without verifying it: only to read `exp` and `jti` before
 * a request. The service verifies the token; verify it yourself with flex-jwt when it matters.
 */
export function decodeClaimsUnverified(jwt: string): Record<string, unknown> | undefined {
  const bytes = decodeBase64Url(jwt.split('.')[1] ?? '')
  if (!bytes) return undefined
  try {
    const claims: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
    return isJsonObject(claims) ? claims : undefined
  } catch {
    return undefined
  }
}

/**
 * Reads `transientToken` (a compact JWT) or `jti`, exactly one of them. The JWT's `exp` is
 * checked against `now` (ms) locally; its signature is not verified here.
 */
export function readTokenInformation(
  caller: string,
  options: { transientToken?: unknown; jti?: unknown },
  now: () => number,
  issues: FlexFieldIssue[],
): TokenInformation {
  const { transientToken, jti } = options
  if ((transientToken === undefined) === (jti === undefined)) {
    throw createUsageError(caller, 'transientToken', 'or jti is required, and not both')
  }
  if (jti !== undefined) {
    if (typeof jti !== 'string') throw createUsageError(caller, 'jti', 'must be a string')
    if (!JTI.test(jti)) {
      issues.push({
        path: 'jti',
        reason: FLEX_FIELD_REASONS.FORMAT,
        message: 'must be 1 to 128 letters, digits, - or _',
      })
    }
    return { jti }
  }
  if (typeof transientToken !== 'string') {
    throw createUsageError(caller, 'transientToken', 'must be a string (the compact JWT)')
  }
  const claims = isCompactJws(transientToken) ? decodeClaimsUnverified(transientToken) : undefined
  const exp = claims?.exp
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    issues.push({
      path: 'transientToken',
      reason: FLEX_FIELD_REASONS.FORMAT,
      message: 'must be a compact JWT with a numeric exp claim',
    })
  } else if (exp * 1000 <= now()) {
    issues.push({
      path: 'transientToken',
      reason: FLEX_FIELD_REASONS.EXPIRED,
      message:
        'has expired (its exp claim, read locally without verifying the signature); get a new one',
    })
  }
  return { transientTokenJwt: transientToken }
}

function environmentOf(origin: string, key: 'apiOrigin' | 'flexOrigin'): string | undefined {
  for (const [name, environment] of Object.entries(FLEX_ENVIRONMENTS)) {
    if (environment[key] === origin) return name
  }
  return undefined
}

/**
 * Refuses a capture context (the one the token was made with) from another Cybersource
 * environment than the client: its `flx.origin` against `client.origin`. Origins outside the
 * known environments (the emulator) are not compared. The token itself names no environment.
 */
export function checkEnvironment(
  caller: string,
  clientOrigin: string,
  captureContext: CaptureContext | undefined,
  issues: FlexFieldIssue[],
): void {
  if (captureContext === undefined) return
  const flexOrigin: unknown = captureContext?.claims?.flx?.origin
  if (typeof flexOrigin !== 'string') {
    throw createUsageError(caller, 'captureContext', 'must be a verified capture context')
  }
  const tokenEnvironment = environmentOf(flexOrigin, 'flexOrigin')
  const clientEnvironment = environmentOf(clientOrigin, 'apiOrigin')
  if (tokenEnvironment && clientEnvironment && tokenEnvironment !== clientEnvironment) {
    issues.push({
      path: 'captureContext',
      reason: FLEX_FIELD_REASONS.NOT_ALLOWED,
      message: "comes from another Cybersource environment than the client's",
    })
  }
}

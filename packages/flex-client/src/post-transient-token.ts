import type { CaptureContext } from 'flex-types'
import { createUsageError, isCompactJwe } from 'flex-types/internal'
import type { FlexSender } from './create-flex-sender.js'
import type { RetryPolicies } from './create-retry-policies.js'
import { FlexOriginNotAllowedError } from './errors.js'
import { readJwtResponse } from './read-jwt-response.js'

const CALLER = 'createTransientToken'
const encoder = new TextEncoder()

function readTokensUrl(tokensUrl: string, allowed: ReadonlySet<string>): URL {
  const allowedOrigins = [...allowed]
  let url: URL
  try {
    url = new URL(tokensUrl)
  } catch {
    throw new FlexOriginNotAllowedError({ origin: 'null', allowedOrigins, problem: 'not-a-url' })
  }
  if (!allowed.has(url.origin)) {
    throw new FlexOriginNotAllowedError({
      origin: url.origin,
      allowedOrigins,
      problem: 'not-allowed',
    })
  }
  if (url.username !== '' || url.password !== '') {
    throw new FlexOriginNotAllowedError({
      origin: url.origin,
      allowedOrigins,
      problem: 'user-info',
    })
  }
  return url
}

/**
 * `POST {captureContext.tokensUrl}` with the JWE unchanged, unauthenticated: the transient token
 * JWT, not yet verified. A `tokensUrl` off the allow-list or a malformed JWE throws before
 * anything is sent.
 */
export function postTransientToken(
  send: FlexSender,
  allowed: ReadonlySet<string>,
  policies: RetryPolicies,
  captureContext: Pick<CaptureContext, 'tokensUrl'>,
  jwe: string,
): Promise<string> {
  if (typeof captureContext !== 'object' || captureContext === null) {
    throw createUsageError(CALLER, 'captureContext', 'must be a verified capture context')
  }
  if (typeof captureContext.tokensUrl !== 'string') {
    throw createUsageError(CALLER, 'captureContext.tokensUrl', 'must be a string')
  }
  if (!isCompactJwe(jwe)) {
    throw createUsageError(CALLER, 'jwe', 'must be a compact JWE (five base64url segments)')
  }
  return send(
    {
      operation: 'createTransientToken',
      method: 'POST',
      url: readTokensUrl(captureContext.tokensUrl, allowed),
      body: encoder.encode(jwe),
      headers: { 'content-type': 'application/jwt', accept: 'application/jwt' },
      retry: policies.arrivalCounts,
      authenticate: false,
    },
    readJwtResponse,
  )
}

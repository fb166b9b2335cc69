// A stand-in for Cybersource's authentication check, written from docs/protocol.md section 5 alone
// (never from the client's code): it re-derives every HMAC, digest and claim with node:crypto
// and refuses a request that is off by one byte.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { type LoopbackServer, startLoopbackServer } from 'test-utils'

export interface StubMerchant {
  merchantId: string
  keyId: string
  sharedSecret: string
}

type StubRequest = IncomingMessage & { rawBody: Buffer }

const JWT_CLAIMS = [
  'digest',
  'digest-algorithm',
  'exp',
  'iat',
  'iss',
  'jti',
  'request-host',
  'request-method',
  'request-resource-path',
  'v-c-jwt-version',
  'v-c-merchant-id',
].sort()
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const FIVE_MINUTES = 300

function same(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function hmac(merchant: StubMerchant, text: string): Buffer {
  return createHmac('sha256', Buffer.from(merchant.sharedSecret, 'base64')).update(text).digest()
}

function sha256Base64(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('base64')
}

function header(request: StubRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? undefined : value
}

// docs/protocol.md section 5: GET and DELETE carry no body, so neither scheme signs a digest.
function hasBody(request: StubRequest): boolean {
  return request.method !== 'GET' && request.method !== 'DELETE'
}

function checkJwt(request: StubRequest, merchant: StubMerchant, now: number): string | undefined {
  const authorization = header(request, 'authorization') ?? ''
  const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization)
  if (!match) return 'no bearer JWT'
  const [, encodedHeader = '', encodedClaims = '', signature = ''] = match
  const expected = hmac(merchant, `${encodedHeader}.${encodedClaims}`).toString('base64url')
  if (!same(signature, expected)) return 'bad HMAC'
  const jwtHeader = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8'))
  if (
    JSON.stringify(Object.keys(jwtHeader).sort()) !== '["alg","kid","typ"]' ||
    jwtHeader.typ !== 'JWT' ||
    jwtHeader.alg !== 'HS256' ||
    jwtHeader.kid !== merchant.keyId
  ) {
    return 'bad JWT header'
  }
  const claims = JSON.parse(Buffer.from(encodedClaims, 'base64url').toString('utf8'))
  const expectedClaims = hasBody(request)
    ? JWT_CLAIMS
    : JWT_CLAIMS.filter((name) => !name.startsWith('digest'))
  if (JSON.stringify(Object.keys(claims).sort()) !== JSON.stringify(expectedClaims)) {
    return 'wrong claim set'
  }
  if (!Number.isInteger(claims.iat) || Math.abs(claims.iat - now / 1000) > FIVE_MINUTES) {
    return 'iat outside ±5 minutes'
  }
  if (claims.exp !== claims.iat + 120) return 'exp is not iat + 120'
  if (claims.exp < now / 1000) return 'expired'
  if (typeof claims.jti !== 'string' || !UUID.test(claims.jti)) return 'jti is not a UUID v4'
  if (claims.iss !== merchant.merchantId) return 'wrong iss'
  if (claims['v-c-merchant-id'] !== merchant.merchantId) return 'wrong merchant'
  if (claims['v-c-jwt-version'] !== '2') return 'wrong JWT version'
  if (claims['request-host'] !== header(request, 'host')) return 'request-host mismatch'
  if (claims['request-resource-path'] !== request.url) return 'request-resource-path mismatch'
  if (claims['request-method'] !== request.method?.toLowerCase()) return 'request-method mismatch'
  if (!hasBody(request)) {
    return 'digest' in claims || 'digest-algorithm' in claims
      ? 'digest on a bodiless method'
      : undefined
  }
  if (claims['digest-algorithm'] !== 'SHA-256') return 'wrong digest-algorithm'
  if (claims.digest !== sha256Base64(request.rawBody)) return 'digest mismatch'
  return undefined
}

function checkHttpSignature(
  request: StubRequest,
  merchant: StubMerchant,
  now: number,
): string | undefined {
  const signatureHeader = header(request, 'signature')
  if (!signatureHeader) return 'no signature'
  const parameters = new Map<string, string>()
  for (const part of signatureHeader.matchAll(/([a-z]+)="([^"]*)"/g)) {
    parameters.set(part[1] ?? '', part[2] ?? '')
  }
  if (parameters.get('keyid') !== merchant.keyId) return 'unknown key id'
  if (parameters.get('algorithm') !== 'HmacSHA256') return 'wrong algorithm'
  const names = (parameters.get('headers') ?? '').split(' ')
  const required = hasBody(request)
    ? ['host', 'date', 'request-target', 'digest', 'v-c-merchant-id']
    : ['host', 'date', 'request-target', 'v-c-merchant-id']
  if (!hasBody(request) && names.includes('digest')) return 'digest on a bodiless method'
  for (const name of required) {
    if (!names.includes(name) && !names.includes(`(${name})`)) return `${name} unsigned`
  }
  const lines: string[] = []
  for (const name of names) {
    if (name === 'request-target' || name === '(request-target)') {
      lines.push(`${name}: ${request.method?.toLowerCase()} ${request.url}`)
    } else {
      const value = header(request, name)
      if (value === undefined) return `${name} missing`
      lines.push(`${name}: ${value}`)
    }
  }
  const expected = hmac(merchant, lines.join('\n')).toString('base64')
  if (!same(parameters.get('signature') ?? '', expected)) return 'bad signature'
  if (header(request, 'v-c-merchant-id') !== merchant.merchantId) return 'wrong merchant'
  const date = Date.parse(header(request, 'date') ?? '')
  if (Number.isNaN(date) || Math.abs(date - now) > FIVE_MINUTES * 1000) return 'stale date'
  if (
    hasBody(request) &&
    header(request, 'digest') !== `SHA-256=${sha256Base64(request.rawBody)}`
  ) {
    return 'digest mismatch'
  }
  return undefined
}

/** Why a merchant request must be refused, or `undefined` when it authenticates. */
function checkMerchantRequest(
  request: StubRequest,
  merchant: StubMerchant,
  now: number = Date.now(),
): string | undefined {
  try {
    if (header(request, 'authorization') !== undefined) return checkJwt(request, merchant, now)
    return checkHttpSignature(request, merchant, now)
  } catch {
    return 'malformed credentials'
  }
}

export interface CapturedRequest {
  method: string
  url: string
  headers: Record<string, string | string[] | undefined>
  body: string
  problem: string | undefined
}

/** A fake capture context / transient token (shaped like a JWT; nothing verifies it here). */
export const STUB_JWT = 'eyJraWQiOiJzdHViIiwiYWxnIjoiUlMyNTYifQ.eyJzdHViIjp0cnVlfQ.c2lnbmF0dXJl'

/**
 * Starts a loopback server that authenticates every path but `/flex/v2/tokens` like Cybersource
 * (401 with a Cybersource error body when anything is off) and answers `/flex/v2/tokens` without
 * authentication. Every request is recorded with the verdict.
 */
export async function startMerchantStub(
  merchant: StubMerchant,
  respond?: (request: StubRequest, response: ServerResponse) => boolean,
): Promise<{ server: LoopbackServer; received: CapturedRequest[] }> {
  const received: CapturedRequest[] = []
  const server = await startLoopbackServer((request, response) => {
    const isTokens = request.url === '/flex/v2/tokens'
    const problem = isTokens ? undefined : checkMerchantRequest(request, merchant)
    received.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: { ...request.headers },
      body: request.rawBody.toString('utf8'),
      problem,
    })
    if (problem !== undefined) {
      response.writeHead(401, {
        'content-type': 'application/json',
        'v-c-correlation-id': 'stub-401',
      })
      response.end(JSON.stringify({ reason: 'AUTHENTICATION_FAILED', message: problem }))
      return
    }
    if (respond?.(request, response)) return
    response.writeHead(201, { 'content-type': 'application/jwt', 'v-c-correlation-id': 'stub-201' })
    response.end(STUB_JWT)
  })
  return { server, received }
}

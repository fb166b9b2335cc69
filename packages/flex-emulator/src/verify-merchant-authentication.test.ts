import { describe, expect, it } from 'vitest'
import { createJwtIdRegister } from './jwt-id-register.js'
import { generateMerchant } from './merchant-credentials.js'
import { MAX_SIGNATURE_HEADER_LENGTH } from './parse-signature-header.js'
import { jwtHeaders, type SignatureOptions, signatureHeaders } from './testing/merchant-request.js'
import {
  type AuthenticatedRequest,
  verifyMerchantAuthentication,
} from './verify-merchant-authentication.js'

const url = 'http://127.0.0.1:4010'
const merchant = generateMerchant()
const other = generateMerchant()
const merchants = new Map([
  [merchant.keyId, merchant],
  [other.keyId, other],
])
const body = JSON.stringify({ fields: { paymentInformation: { card: { number: {} } } } })

function request(
  headers: Record<string, string>,
  overrides: Partial<AuthenticatedRequest> = {},
): AuthenticatedRequest {
  return {
    method: 'POST',
    target: '/flex/v2/sessions',
    headers: { host: '127.0.0.1:4010', ...headers },
    body: Buffer.from(body),
    ...overrides,
  }
}

const verify = (value: AuthenticatedRequest) => verifyMerchantAuthentication(value, merchants)
// Cases built when the file is collected are signed and checked at this one instant, so a slow
// machine cannot move them across the 5-minute window.
const collectedAt = new Date()
const verifyAt = (value: AuthenticatedRequest) =>
  verifyMerchantAuthentication(value, merchants, collectedAt)
const minutes = (count: number) => new Date(collectedAt.getTime() + count * 60_000)

describe('JWT (HS256) authentication', () => {
  it('accepts what docs/protocol.md section 5 describes, with and without the port', () => {
    expect(verify(request(jwtHeaders(url, merchant, body)))).toMatchObject({
      ok: true,
      scheme: 'jwt',
      merchant,
    })
    expect(
      verify(request(jwtHeaders(url, merchant, body, { signedHost: '127.0.0.1' }))),
    ).toMatchObject({ ok: true })
    expect(verify(request(jwtHeaders(url, other, body)))).toMatchObject({ merchant: other })
  })

  it('accepts iat up to 5 minutes away and a request without a body', () => {
    expect(verifyAt(request(jwtHeaders(url, merchant, body, { now: minutes(-4) })))).toMatchObject({
      ok: false,
    })
    const early = jwtHeaders(url, merchant, body, {
      now: collectedAt,
      claims: { iat: Math.floor(collectedAt.getTime() / 1000) + 240 },
    })
    expect(verifyAt(request(early)).ok).toBe(true)
    const get = jwtHeaders(url, merchant, '', { method: 'GET', path: '/flex/v2/public-keys/ab' })
    expect(
      verify(
        request(get, { method: 'GET', target: '/flex/v2/public-keys/ab', body: Buffer.alloc(0) }),
      ).ok,
    ).toBe(true)
  })

  const now = Math.floor(collectedAt.getTime() / 1000)
  it.each([
    ['unknown key id', { header: { kid: 'nope' } }],
    ['wrong secret', { secret: Buffer.alloc(32, 7).toString('base64') }],
    ['alg none', { header: { alg: 'none' } }],
    ['alg HS512', { header: { alg: 'HS512' } }],
    ['crit header', { header: { crit: ['b64'] } }],
    [
      'merchant of another key',
      { claims: { 'v-c-merchant-id': other.merchantId, iss: other.merchantId } },
    ],
    ['iss differs', { claims: { iss: 'someone' } }],
    ['old jwt version', { claims: { 'v-c-jwt-version': '1' } }],
    ['iat 6 minutes ago', { claims: { iat: now - 360, exp: now + 600 } }],
    ['iat 6 minutes ahead', { claims: { iat: now + 360, exp: now + 600 } }],
    ['expired', { claims: { exp: now - 1 } }],
    ['no exp', { omitClaims: ['exp'] }],
    ['no iat', { omitClaims: ['iat'] }],
    ['no jti', { omitClaims: ['jti'] }],
    ['an empty jti', { claims: { jti: '' } }],
    ['wrong method', { claims: { 'request-method': 'get' } }],
    ['wrong path', { claims: { 'request-resource-path': '/flex/v2/tokens' } }],
    ['wrong host', { claims: { 'request-host': 'apitest.cybersource.com' } }],
    ['wrong port', { signedHost: '127.0.0.1:4011' }],
    ['no host', { omitClaims: ['request-host'] }],
    ['wrong digest', { claims: { digest: 'AAAA' } }],
    ['no digest', { omitClaims: ['digest'] }],
    ['wrong digest algorithm', { claims: { 'digest-algorithm': 'SHA-512' } }],
  ])('refuses %s', (_name, options) => {
    const result = verifyAt(
      request(jwtHeaders(url, merchant, body, { now: collectedAt, ...options })),
    )
    expect(result.ok).toBe(false)
  })

  it('refuses a replayed jti while the token would still pass, per merchant', () => {
    const register = createJwtIdRegister()
    const headers = jwtHeaders(url, merchant, body)
    const check = (value: Record<string, string>, at = new Date()) =>
      verifyMerchantAuthentication(request(value), merchants, at, register)
    expect(check(headers).ok).toBe(true)
    expect(check(headers)).toEqual({ ok: false, problem: 'the JWT was used before (same jti)' })
    const jti = 'shared-id'
    expect(check(jwtHeaders(url, merchant, body, { claims: { jti } })).ok).toBe(true)
    expect(check(jwtHeaders(url, other, body, { claims: { jti } })).ok).toBe(true)
    expect(check(jwtHeaders(url, merchant, body, { claims: { jti } })).ok).toBe(false)
  })

  it('forgets a jti once its token has expired, and stays bounded', () => {
    const register = createJwtIdRegister(2)
    expect(register.remember('a', 100, 50)).toBe(true)
    expect(register.remember('a', 100, 100)).toBe(false)
    expect(register.remember('a', 200, 101)).toBe(true)
    expect(register.remember('b', 200, 101)).toBe(true)
    expect(register.remember('c', 200, 101)).toBe(true)
    expect(register.remember('a', 200, 101)).toBe(true)
  })

  it('refuses a body changed after signing and garbage tokens', () => {
    const headers = jwtHeaders(url, merchant, body)
    expect(verify({ ...request(headers), body: Buffer.from(`${body} `) }).ok).toBe(false)
    for (const token of ['', 'a.b', 'a.b.c', '...', '%%%.%%%.%%%', 'eyJ9.eyJ9.x']) {
      expect(verify(request({ authorization: `Bearer ${token}` })).ok).toBe(false)
    }
    expect(verify(request({})).ok).toBe(false)
  })
})

describe('HTTP Signature authentication', () => {
  const ok = (options: SignatureOptions = {}) =>
    verify(request(signatureHeaders(url, merchant, body, options)))

  it('accepts the default header list and every variant a verifier must accept', () => {
    expect(ok()).toMatchObject({ ok: true, scheme: 'http-signature', merchant })
    expect(
      ok({ headerNames: ['host', 'date', '(request-target)', 'digest', 'v-c-merchant-id'] }).ok,
    ).toBe(true)
    expect(
      ok({ headerNames: ['host', 'v-c-date', 'request-target', 'digest', 'v-c-merchant-id'] }).ok,
    ).toBe(true)
    expect(
      ok({
        headerNames: [
          'host',
          'date',
          'request-target',
          'digest',
          'v-c-merchant-id',
          'content-type',
        ],
      }).ok,
    ).toBe(true)
    expect(
      ok({ headerNames: ['v-c-merchant-id', 'digest', 'request-target', 'date', 'host'] }).ok,
    ).toBe(true)
  })

  it('accepts a request without a body without digest', () => {
    const headers = signatureHeaders(url, merchant, '', {
      method: 'GET',
      path: '/flex/v2/public-keys/ab',
    })
    expect(
      verify(
        request(headers, {
          method: 'GET',
          target: '/flex/v2/public-keys/ab',
          body: Buffer.alloc(0),
        }),
      ).ok,
    ).toBe(true)
  })

  it.each<[string, SignatureOptions]>([
    ['unknown key id', { keyId: 'nope' }],
    ['wrong secret', { secret: Buffer.alloc(32, 9).toString('base64') }],
    ['other algorithm', { algorithm: 'HmacSHA512' }],
    ['wrong merchant header', { merchantIdHeader: other.merchantId }],
    ['date 6 minutes ago', { now: minutes(-6) }],
    ['date 6 minutes ahead', { now: minutes(6) }],
    ['digest not signed', { headerNames: ['host', 'date', 'request-target', 'v-c-merchant-id'] }],
    ['host not signed', { headerNames: ['date', 'request-target', 'digest', 'v-c-merchant-id'] }],
    ['date not signed', { headerNames: ['host', 'request-target', 'digest', 'v-c-merchant-id'] }],
    ['target not signed', { headerNames: ['host', 'date', 'digest', 'v-c-merchant-id'] }],
    ['merchant not signed', { headerNames: ['host', 'date', 'request-target', 'digest'] }],
    [
      'digest of another body',
      { digestOverride: `SHA-256=${Buffer.alloc(32).toString('base64')}` },
    ],
    ['signed for another host', { signedHost: 'apitest.cybersource.com' }],
  ])('refuses %s', (_name, options) => {
    const headers = signatureHeaders(url, merchant, body, { now: collectedAt, ...options })
    expect(verifyAt(request(headers)).ok).toBe(false)
  })

  it('refuses a date that is not an IMF-fixdate, even within 5 minutes', () => {
    const now = new Date()
    for (const date of [now.toISOString(), now.toString(), String(now.getTime())]) {
      const headers = signatureHeaders(url, merchant, body, { now })
      const names = ['host', 'date', 'request-target', 'digest', 'v-c-merchant-id']
      const resigned = signatureHeaders(url, merchant, body, {
        now,
        headerNames: names,
        extraHeaders: { date },
      })
      expect(verify(request(headers)).ok).toBe(true)
      expect(verify(request(resigned))).toEqual({
        ok: false,
        problem: 'the date must be an RFC 7231 IMF-fixdate',
      })
    }
  })

  it('refuses a signed header that was not sent, also when its name is an Object member', () => {
    for (const name of ['constructor', '__proto__', 'tostring']) {
      const headerNames = ['host', 'date', 'request-target', 'digest', 'v-c-merchant-id', name]
      const headers = signatureHeaders(url, merchant, body, { headerNames })
      delete headers[name]
      expect(verify(request(headers))).toMatchObject({ ok: false })
    }
  })

  it('refuses a request whose target or method differs from the signed one', () => {
    const headers = signatureHeaders(url, merchant, body)
    expect(verify(request(headers, { target: '/flex/v2/tokens' })).ok).toBe(false)
    expect(verify(request(headers, { method: 'PUT' })).ok).toBe(false)
    expect(verify(request({ signature: 'garbage' })).ok).toBe(false)
  })

  it('refuses a signature header over the limit before reading it, and reads one at the limit', () => {
    const headers = signatureHeaders(url, merchant, body)
    const signature = headers.signature as string
    const padded = `${signature},${' '.repeat(MAX_SIGNATURE_HEADER_LENGTH - signature.length - 1)}`
    expect(padded).toHaveLength(MAX_SIGNATURE_HEADER_LENGTH)
    expect(verify(request({ ...headers, signature: padded })).ok).toBe(true)
    expect(verify(request({ ...headers, signature: `${padded} ` }))).toEqual({
      ok: false,
      problem: `the signature header is longer than ${MAX_SIGNATURE_HEADER_LENGTH} characters`,
    })
    expect(verify(request({ signature: 'a'.repeat(1_000_000) })).ok).toBe(false)
  })

  it('refuses a verbatim replay of an accepted signature while its date is within 5 minutes', () => {
    const register = createJwtIdRegister()
    const check = (value: Record<string, string>, at = new Date()) =>
      verifyMerchantAuthentication(request(value), merchants, at, register)
    const now = new Date()
    const headers = signatureHeaders(url, merchant, body, { now })
    expect(check(headers, now).ok).toBe(true)
    // The same request signed in the same second (two tabs, a quick retry) is not a replay yet.
    expect(check(headers, now).ok).toBe(true)
    expect(check(headers, new Date(now.getTime() + 2_000)).ok).toBe(true)
    expect(check(headers, new Date(now.getTime() + 3_000))).toEqual({
      ok: false,
      problem: 'the HTTP signature was used before (same signature)',
    })
    expect(check(headers, new Date(now.getTime() + 290_000)).ok).toBe(false)
    // Another request of the same second (other body, other merchant, other header list) passes.
    const otherBody = `${body} `
    expect(
      verifyMerchantAuthentication(
        request(signatureHeaders(url, merchant, otherBody, { now }), {
          body: Buffer.from(otherBody),
        }),
        merchants,
        now,
        register,
      ).ok,
    ).toBe(true)
    expect(check(signatureHeaders(url, other, body, { now }), now).ok).toBe(true)
    const names = ['v-c-merchant-id', 'digest', 'request-target', 'date', 'host']
    expect(check(signatureHeaders(url, merchant, body, { now, headerNames: names }), now).ok).toBe(
      true,
    )
    // A refused request is not remembered: its first valid send still passes.
    const later = new Date(now.getTime() + 1_000)
    const fresh = signatureHeaders(url, merchant, body, { now: later })
    expect(check({ ...fresh, digest: 'SHA-256=AAAA' }, later).ok).toBe(false)
    expect(check(fresh, later).ok).toBe(true)
  })

  it('refuses a replay past the window as stale, and keeps the register bounded', () => {
    const register = createJwtIdRegister(1)
    const now = new Date()
    const headers = signatureHeaders(url, merchant, body, { now })
    const at = (offset: number) => new Date(now.getTime() + offset)
    expect(verifyMerchantAuthentication(request(headers), merchants, now, register).ok).toBe(true)
    const stale = verifyMerchantAuthentication(request(headers), merchants, at(301_000), register)
    expect(stale).toEqual({ ok: false, problem: 'the date is missing or more than 5 minutes away' })
    const first = signatureHeaders(url, merchant, body, { now: at(1_000) })
    const second = signatureHeaders(url, other, body, { now: at(1_000) })
    expect(verifyMerchantAuthentication(request(first), merchants, at(1_000), register).ok).toBe(
      true,
    )
    expect(verifyMerchantAuthentication(request(second), merchants, at(1_000), register).ok).toBe(
      true,
    )
    // With room for one entry, the older one was dropped: memory stays bounded.
    expect(verifyMerchantAuthentication(request(first), merchants, at(1_000), register).ok).toBe(
      true,
    )
  })

  it('never names a secret in its problems', () => {
    const result = verify(
      request(
        signatureHeaders(url, merchant, body, {
          keyId: merchant.keyId,
          secret: other.sharedSecret,
        }),
      ),
    )
    expect(JSON.stringify(result)).not.toContain(merchant.sharedSecret)
    expect(JSON.stringify(result)).not.toContain(other.sharedSecret)
  })
})

describe('verifyMerchantAuthentication misuse', () => {
  it('throws a TypeError with a code for a now that is not a valid Date', () => {
    for (const now of [new Date(Number.NaN), Date.now(), 'now']) {
      expect(() =>
        verifyMerchantAuthentication(request({}), merchants, now as unknown as Date),
      ).toThrowError(
        expect.objectContaining({
          name: 'TypeError',
          code: 'ERR_INVALID_ARG_VALUE',
          message: 'verifyMerchantAuthentication: now must be a valid Date',
        }),
      )
    }
  })
})

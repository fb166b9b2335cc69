import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { CARD_FIELDS, contextClaims, createSession, verifyWithJwk } from './testing/flow.js'
import { jwtHeaders, signatureHeaders } from './testing/merchant-request.js'
import { useEmulator } from './testing/use-emulator.js'

const running = useEmulator()
const { lines } = running

async function post(body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${running.emulator.url}/flex/v2/sessions`, { method: 'POST', headers, body })
}

describe('POST /flex/v2/sessions', () => {
  it('answers 201 application/jwt with the exact header and claim order of section 2', async () => {
    const sentAt = Math.floor(Date.now() / 1000)
    const response = await createSession(running.emulator)
    const answeredAt = Math.ceil(Date.now() / 1000)
    expect(response.status).toBe(201)
    expect(response.headers.get('content-type')).toBe('application/jwt')
    const jwt = await response.text()
    const [header = '', payload = ''] = jwt.split('.')
    const kid = running.emulator.signingKeyIds().at(-1)
    expect(Buffer.from(header, 'base64url').toString()).toBe(`{"kid":"${kid}","alg":"RS256"}`)
    const json = Buffer.from(payload, 'base64url').toString()
    const claims = contextClaims(jwt)
    expect(Object.keys(claims)).toEqual(['flx', 'ctx', 'iss', 'exp', 'iat', 'jti'])
    expect(Object.keys(claims.flx)).toEqual(['path', 'data', 'origin', 'jwk'])
    expect(Object.keys(claims.flx.jwk)).toEqual(['kty', 'e', 'use', 'n', 'kid'])
    expect(claims.flx).toMatchObject({ path: '/flex/v2/tokens', origin: running.emulator.url })
    expect(claims.flx.jwk.kid).toMatch(/^[A-Za-z0-9]{32}$/)
    expect(claims.flx.jwk).toMatchObject({ kty: 'RSA', e: 'AQAB', use: 'enc' })
    expect(Buffer.from(claims.flx.jwk.n as string, 'base64url').length).toBe(256)
    expect(claims.flx.data).toMatch(/^[A-Za-z0-9+/]+={0,2}$/)
    if (claims.flx.data.endsWith('=')) expect(json).toContain('\\u003d')
    expect(claims.ctx).toEqual([
      {
        data: {
          requiredFields: [
            'paymentInformation.card.number',
            'paymentInformation.card.expirationMonth',
            'paymentInformation.card.expirationYear',
          ],
          optionalFields: ['paymentInformation.card.securityCode'],
        },
        type: 'api-0.1.0',
      },
    ])
    expect(claims.iss).toBe('Flex API')
    expect(claims.exp - claims.iat).toBe(900)
    expect(claims.iat).toBeGreaterThanOrEqual(sentAt)
    expect(claims.iat).toBeLessThanOrEqual(answeredAt)
    expect(claims.jti).toMatch(/^[A-Za-z0-9]{16}$/)
    const keyResponse = await fetch(`${running.emulator.url}/flex/v2/public-keys/${kid}`)
    await expect(verifyWithJwk(jwt, await keyResponse.json())).resolves.toMatchObject({
      jti: claims.jti,
    })
  })

  it('gives every context its own one-time kid and jti', async () => {
    const [first, second] = await Promise.all([
      createSession(running.emulator),
      createSession(running.emulator),
    ])
    const a = contextClaims(await (first as Response).text())
    const b = contextClaims(await (second as Response).text())
    expect(a.flx.jwk.kid).not.toBe(b.flx.jwk.kid)
    expect(a.jti).not.toBe(b.jti)
    expect(a.flx.data).not.toBe(b.flx.data)
  })

  it('accepts HTTP Signature, content-type without charset and the port-less request-host', async () => {
    const body = JSON.stringify({ fields: CARD_FIELDS })
    const signed = await post(
      body,
      signatureHeaders(running.emulator.url, running.emulator.merchant, body),
    )
    expect(signed.status).toBe(201)
    const variant = await post(
      body,
      signatureHeaders(running.emulator.url, running.emulator.merchant, body, {
        headerNames: [
          '(request-target)',
          'v-c-date',
          'host',
          'content-type',
          'v-c-merchant-id',
          'digest',
        ],
      }),
    )
    expect(variant.status).toBe(201)
    const headers = jwtHeaders(running.emulator.url, running.emulator.merchant, body, {
      signedHost: '127.0.0.1',
    })
    expect((await post(body, { ...headers, 'content-type': 'application/json' })).status).toBe(201)
  })

  it.each([
    [
      'no authentication',
      (_body: string) => ({ 'content-type': 'application/json' }) as Record<string, string>,
    ],
    [
      'a wrong secret',
      (body: string) =>
        jwtHeaders(
          running.emulator.url,
          { ...running.emulator.merchant, sharedSecret: 'AAAA' },
          body,
        ),
    ],
    [
      'a stale date',
      (body: string) =>
        signatureHeaders(running.emulator.url, running.emulator.merchant, body, {
          now: new Date(Date.now() - 600_000),
        }),
    ],
    [
      'a digest of another body',
      (body: string) => jwtHeaders(running.emulator.url, running.emulator.merchant, `${body} `),
    ],
  ])(
    'answers 401 in the gateway form to %s, logs which check failed and creates nothing',
    async (_name, headersFor) => {
      const before = lines.filter((line) => line.includes(' 201 ')).length
      const logged = lines.length
      const body = JSON.stringify({ fields: CARD_FIELDS })
      const response = await post(body, headersFor(body))
      expect(response.status).toBe(401)
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
      expect(response.headers.get('v-c-correlation-id')).toMatch(/^[0-9a-f-]{36}$/)
      expect(await response.text()).toBe('{"response":{"rmsg":"Authentication Failed"}}')
      expect(lines.filter((line) => line.includes(' 201 ')).length).toBe(before)
      expect(lines.slice(logged).join('\n')).toMatch(
        /^POST \/flex\/v2\/sessions 401 AUTHENTICATION_FAILED \([a-zA-Z][^()]+\) \d+ms$/,
      )
    },
  )

  it('answers 401 to a replayed JWT (same jti) and creates nothing', async () => {
    const body = JSON.stringify({ fields: CARD_FIELDS })
    const headers = jwtHeaders(running.emulator.url, running.emulator.merchant, body)
    expect((await post(body, headers)).status).toBe(201)
    const before = lines.filter((line) => line.includes(' 201 ')).length
    const replay = await post(body, headers)
    expect(replay.status).toBe(401)
    expect(await replay.json()).toEqual({ response: { rmsg: 'Authentication Failed' } })
    expect(lines.at(-1)).toContain('401 AUTHENTICATION_FAILED (the JWT was used before (same jti))')
    expect(lines.filter((line) => line.includes(' 201 ')).length).toBe(before)
  })

  it('answers 401 to a verbatim replay of an HTTP-signed request and creates nothing', async () => {
    const body = JSON.stringify({ fields: { paymentInformation: { card: { number: {} } } } })
    // Dated 30 s ago, a verbatim second send can only be a copy (a repeat dated within 2 s of
    // now is accepted: see verify-merchant-authentication.test.ts).
    const now = new Date(Date.now() - 30_000)
    const headers = signatureHeaders(running.emulator.url, running.emulator.merchant, body, { now })
    expect((await post(body, headers)).status).toBe(201)
    const before = lines.filter((line) => line.includes(' 201 ')).length
    const replay = await post(body, headers)
    expect(replay.status).toBe(401)
    expect(await replay.json()).toEqual({ response: { rmsg: 'Authentication Failed' } })
    expect(lines.at(-1)).toContain(
      '401 AUTHENTICATION_FAILED (the HTTP signature was used before (same signature))',
    )
    expect(lines.filter((line) => line.includes(' 201 ')).length).toBe(before)
  })

  it('answers 401 to 40 hostile 16,000-character signature headers and still serves the rest', async () => {
    // Within Node's 16 KiB header limit; the old regex parser spent ~200-300 ms on each.
    const hostile = Array.from({ length: 40 }, (_, index) =>
      post('{}', {
        'content-type': 'application/json',
        signature: (index % 2 === 0 ? 'a' : 'a=').repeat(16_000 / (1 + (index % 2))),
      }),
    )
    const kid = running.emulator.signingKeyIds()[0] as string
    const [publicKey, session, ...refused] = await Promise.all([
      fetch(`${running.emulator.url}/flex/v2/public-keys/${kid}`),
      createSession(running.emulator),
      ...hostile,
    ])
    expect(publicKey.status).toBe(200)
    expect(session.status).toBe(201)
    for (const response of refused) {
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({ response: { rmsg: 'Authentication Failed' } })
    }
    expect(lines.filter((line) => line.includes('signature header is longer than')).length).toBe(
      refused.length,
    )
  })

  it.each([
    [
      'an unknown path',
      { paymentInformation: { card: { pin: {} } } },
      'fields.paymentInformation.card.pin',
    ],
    [
      'a string required',
      { paymentInformation: { card: { number: { required: 'yes' } } } },
      'paymentInformation.card.number.required',
    ],
    ['no fields', undefined, 'fields'],
    ['empty fields', {}, 'fields'],
  ])('answers 400 with details for %s', async (_name, fields, location) => {
    const body = JSON.stringify(fields === undefined ? {} : { fields })
    const response = await post(
      body,
      jwtHeaders(running.emulator.url, running.emulator.merchant, body),
    )
    expect(response.status).toBe(400)
    const error = await response.json()
    expect(error).toMatchObject({ reason: 'CAPTURE_CONTEXT_INVALID' })
    expect(
      error.details.map((detail: { location: string }) => detail.location).join(' '),
    ).toContain(location.replace(/^fields\./, ''))
  })

  it('answers 400 to malformed JSON, a wrong content type and extra members', async () => {
    for (const [body, contentType] of [
      ['{"fields":', 'application/json'],
      ['[1]', 'application/json'],
      [JSON.stringify({ fields: CARD_FIELDS }), 'text/plain'],
      [JSON.stringify({ fields: CARD_FIELDS }), 'application/json; charset=latin1'],
      [JSON.stringify({ fields: CARD_FIELDS, extra: 1 }), 'application/json'],
    ] as const) {
      const headers = {
        ...jwtHeaders(running.emulator.url, running.emulator.merchant, body),
        'content-type': contentType,
      }
      const response = await post(body, headers)
      expect(response.status).toBe(400)
      expect((await response.json()).reason).toBe('CAPTURE_CONTEXT_INVALID')
    }
  })

  it('never repeats an unknown member name or signed header name that could be card data', async () => {
    const pan = SENTINEL_CARD_NUMBERS[0] as string
    const body = JSON.stringify({ fields: CARD_FIELDS, [pan]: 1 })
    const extra = await post(
      body,
      jwtHeaders(running.emulator.url, running.emulator.merchant, body),
    )
    expect(extra.status).toBe(400)
    const text = await extra.text()
    expect(JSON.parse(text).details).toEqual([
      { location: 'body', message: 'must have fields as its only member' },
    ])
    expectNoSensitiveData(text)
    const plain = JSON.stringify({ fields: CARD_FIELDS })
    const headers = signatureHeaders(running.emulator.url, running.emulator.merchant, plain, {
      headerNames: ['host', 'date', 'request-target', 'digest', 'v-c-merchant-id', pan],
    })
    delete headers[pan]
    const unsent = await post(plain, headers)
    expect(unsent.status).toBe(401)
    expectNoSensitiveData(await unsent.text())
  })

  it('answers 413 to a body over 64 KiB and 405/404 elsewhere', async () => {
    const body = JSON.stringify({ fields: CARD_FIELDS, padding: 'x'.repeat(70_000) })
    const response = await post(
      body,
      jwtHeaders(running.emulator.url, running.emulator.merchant, body),
    )
    expect(response.status).toBe(413)
    const get = await fetch(`${running.emulator.url}/flex/v2/sessions`)
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
    expect((await fetch(`${running.emulator.url}/flex/v3/nothing`)).status).toBe(404)
  })

  it('logs one redacted line per request', () => {
    expect(lines.some((line) => /^POST \/flex\/v2\/sessions 201 \d+ms$/.test(line))).toBe(true)
    expectNoSensitiveData(lines.join('\n'), [running.emulator.merchant.sharedSecret])
  })
})

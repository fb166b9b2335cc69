import { createHash } from 'node:crypto'
import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE } from 'test-utils'
import { describe, expect, it } from 'vitest'
import {
  contextClaims,
  encryptFor,
  tokenize,
  verifyTokenOfContext,
  verifyWithJwk,
} from './testing/flow.js'
import { jwtHeaders, signatureHeaders } from './testing/merchant-request.js'
import { useEmulator } from './testing/use-emulator.js'

const running = useEmulator()
const { lines } = running

const MICROFORM = {
  clientVersion: 'v2.0',
  targetOrigins: ['http://localhost:3000', 'https://shop.example'],
  allowedCardNetworks: ['VISA', 'MASTERCARD', 'AMEX'],
  allowedPaymentTypes: ['CARD'],
}
const CHECKOUT = {
  targetOrigins: ['https://shop.example'],
  allowedCardNetworks: ['VISA', 'MASTERCARD'],
  allowedPaymentTypes: ['PANENTRY'],
  country: 'US',
  locale: 'en_US',
  data: { orderInformation: { amountDetails: { totalAmount: '21.00', currency: 'USD' } } },
}

async function post(
  path: string,
  body: unknown,
  scheme: 'jwt' | 'signature' = 'jwt',
): Promise<Response> {
  const text = JSON.stringify(body)
  const { url, merchant } = running.emulator
  const headers =
    scheme === 'jwt'
      ? jwtHeaders(url, merchant, text, { path })
      : signatureHeaders(url, merchant, text, { path })
  return fetch(`${url}${path}`, { method: 'POST', headers, body: text })
}

async function refusal(path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await post(path, body)
  expect(response.status).toBe(400)
  expect(response.headers.get('v-c-correlation-id')).toMatch(/^[0-9a-f-]{36}$/)
  return (await response.json()) as Record<string, unknown>
}

async function verifyContext(jwt: string): Promise<Record<string, unknown>> {
  const kid = running.emulator.signingKeyIds().at(-1)
  const key = await fetch(`${running.emulator.url}/flex/v2/public-keys/${kid}`)
  return verifyWithJwk(jwt, await key.json())
}

describe('POST /microform/v2/sessions', () => {
  it('answers a signed mf-2.0.0 context whose data name the served library and its integrity', async () => {
    const response = await post('/microform/v2/sessions', MICROFORM)
    expect(response.status).toBe(201)
    expect(response.headers.get('content-type')).toBe('application/jwt')
    const jwt = await response.text()
    const claims = contextClaims(jwt)
    const { url } = running.emulator
    expect(Object.keys(claims)).toEqual(['flx', 'ctx', 'iss', 'exp', 'iat', 'jti'])
    expect(claims.flx).toMatchObject({ path: '/flex/v2/tokens', origin: url })
    expect(claims.ctx).toHaveLength(1)
    const [context] = claims.ctx as unknown as [{ type: string; data: Record<string, unknown> }]
    expect(context.type).toBe('mf-2.0.0')
    expect(Object.keys(context.data)).toEqual([
      'clientLibraryIntegrity',
      'clientLibrary',
      'allowedCardNetworks',
      'targetOrigins',
      'mfOrigin',
    ])
    expect(context.data).toMatchObject({
      clientLibrary: `${url}/microform/bundle/v2/flex-microform.min.js`,
      allowedCardNetworks: MICROFORM.allowedCardNetworks,
      targetOrigins: MICROFORM.targetOrigins,
      mfOrigin: url,
    })
    expect(context.data.clientLibraryIntegrity).toMatch(/^sha256-[A-Za-z0-9+/]{43}=$/)
    expect(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()).toContain('\\u003d')
    await expect(verifyContext(jwt)).resolves.toMatchObject({ jti: claims.jti })
  })

  it('serves the library whose sha256 is the clientLibraryIntegrity, CORS-readable', async () => {
    const jwt = await (await post('/microform/v2/sessions', MICROFORM)).text()
    const { data } = (contextClaims(jwt).ctx as unknown as [{ data: Record<string, string> }])[0]
    const response = await fetch(data.clientLibrary as string)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    const bytes = Buffer.from(await response.arrayBuffer())
    const digest = createHash('sha256').update(bytes).digest('base64')
    expect(`sha256-${digest}`).toBe(data.clientLibraryIntegrity)
    const field = await fetch(`${running.emulator.url}/microform/bundle/v2/field.html`)
    expect(field.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect((await fetch(`${running.emulator.url}/microform/bundle/v2/none.js`)).status).toBe(404)
    const put = await fetch(data.clientLibrary as string, { method: 'PUT' })
    expect([put.status, put.headers.get('allow')]).toEqual([405, 'GET, HEAD'])
  })

  it('accepts both merchant authentication schemes and refuses a bad one in the gateway form', async () => {
    expect((await post('/microform/v2/sessions', MICROFORM, 'signature')).status).toBe(201)
    const text = JSON.stringify(MICROFORM)
    const headers = jwtHeaders(running.emulator.url, running.emulator.merchant, text, {
      path: '/microform/v2/sessions',
      secret: Buffer.alloc(32, 1).toString('base64'),
    })
    const response = await fetch(`${running.emulator.url}/microform/v2/sessions`, {
      method: 'POST',
      headers,
      body: text,
    })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ response: { rmsg: 'Authentication Failed' } })
  })

  it('refuses an http origin that is not localhost with the service body, naming the index', async () => {
    const body = await refusal('/microform/v2/sessions', {
      ...MICROFORM,
      targetOrigins: ['https://shop.example', 'http://shop.example'],
    })
    expect(body).toEqual({
      responseStatus: {
        status: 400,
        reason: 'VALIDATION_ERROR',
        message: 'One or more validation errors occurred',
        correlationId: null,
        details: [
          {
            location: 'targetOrigin',
            message: 'Target Origin[1] cannot use http protocol unless the host is localhost',
          },
        ],
        _embedded: {},
      },
      _links: { self: null, documentation: [], next: [] },
    })
  })

  it.each([
    ['a path', ['https://shop.example/checkout'], 'must be an origin'],
    ['a wildcard', ['https://*.shop.example'], 'cannot use a wildcard'],
    ['another scheme', ['ftp://shop.example'], 'must use https protocol'],
    ['a loopback address over http', ['http://127.0.0.1:3000'], 'unless the host is localhost'],
    ['no origin', [], 'must be a list of 1 to 9 origins'],
    ['ten origins', Array.from({ length: 10 }, (_, i) => `https://s${i}.example`), '1 to 9'],
    ['a repeated origin', ['https://a.example', 'https://a.example'], 'must not repeat'],
  ])('refuses %s in targetOrigins', async (_name, targetOrigins, message) => {
    const body = await refusal('/microform/v2/sessions', { ...MICROFORM, targetOrigins })
    const { details } = body.responseStatus as { details: { message: string }[] }
    expect(details.map((detail) => detail.message).join('\n')).toContain(message)
    expect(JSON.stringify(body)).not.toContain('shop.example')
  })

  it('refuses unknown networks, payment types and members without echoing them', async () => {
    const body = await refusal('/microform/v2/sessions', {
      ...MICROFORM,
      allowedCardNetworks: ['VISA', SENTINEL_CARD_NUMBERS[0]],
      allowedPaymentTypes: ['CASH'],
      [SENTINEL_SECURITY_CODE]: true,
    })
    const { details } = body.responseStatus as { details: { location: string }[] }
    expect(details.map((detail) => detail.location)).toEqual([
      'body',
      'allowedCardNetworks[1]',
      'allowedPaymentTypes[0]',
    ])
    expectNoSensitiveData(JSON.stringify(body), [SENTINEL_SECURITY_CODE, 'CASH'])
    const wrongType = await fetch(`${running.emulator.url}/microform/v2/sessions`, {
      method: 'POST',
      headers: {
        ...jwtHeaders(running.emulator.url, running.emulator.merchant, 'x', {
          path: '/microform/v2/sessions',
        }),
        'content-type': 'text/plain',
      },
      body: 'x',
    })
    expect(wrongType.status).toBe(400)
  })

  it('tokenizes card data sent to its key as an mf-2.0.0 token signed by that key', async () => {
    const jwt = await (await post('/microform/v2/sessions', MICROFORM)).text()
    const card = {
      number: SENTINEL_CARD_NUMBERS[0],
      securityCode: '123',
      expirationMonth: '12',
      expirationYear: String(new Date().getUTCFullYear() + 3),
    }
    const jwe = await encryptFor(jwt, { data: { paymentInformation: { card } }, context: jwt })
    const response = await tokenize(running.emulator, jwe)
    expect(response.status).toBe(201)
    const token = await verifyTokenOfContext(running.emulator, jwt, await response.text())
    expect(token.type).toBe('mf-2.0.0')
    expectNoSensitiveData(lines.join('\n'))
  })
})

describe('Unified Checkout capture contexts', () => {
  it('answers gda-0.10.0 contexts at /up/v1/capture-contexts and /uc/v1/sessions', async () => {
    const { url } = running.emulator
    for (const path of ['/up/v1/capture-contexts', '/uc/v1/sessions']) {
      const response = await post(path, CHECKOUT, 'signature')
      expect(response.status).toBe(201)
      const jwt = await response.text()
      const [context] = contextClaims(jwt).ctx as unknown as [
        { type: string; data: Record<string, unknown> },
      ]
      expect(context.type).toBe('gda-0.10.0')
      expect(Object.keys(context.data)).toEqual([
        'allowedPaymentTypes',
        'orderInformation',
        'targetOrigins',
        'clientVersion',
        'country',
        'locale',
        'allowedCardNetworks',
        'serviceOrigin',
        'clientLibrary',
        'clientLibraryIntegrity',
      ])
      expect(context.data.clientLibrary).toBe(
        `${url}/uc/v1/assets/flex-emulator/SecureAcceptance.js`,
      )
      const script = Buffer.from(
        await (await fetch(context.data.clientLibrary as string)).arrayBuffer(),
      )
      const digest = createHash('sha256').update(script).digest('base64')
      expect(context.data.clientLibraryIntegrity).toBe(`sha256-${digest}`)
      await expect(verifyContext(jwt)).resolves.toMatchObject({ iss: 'Flex API' })
    }
  })

  it('takes http://localhost at /up/v1 only and requires country, locale and the amount', async () => {
    const local = { ...CHECKOUT, targetOrigins: ['http://localhost:3000'] }
    expect((await post('/up/v1/capture-contexts', local)).status).toBe(201)
    const v1 = await refusal('/uc/v1/sessions', local)
    expect(JSON.stringify(v1)).toContain('Target Origin[0] must use https protocol')
    const { country, locale, data, ...rest } = CHECKOUT
    const missing = await refusal('/uc/v1/sessions', rest)
    const { details } = missing.responseStatus as { details: { location: string }[] }
    expect(details.map((detail) => detail.location)).toEqual([
      'country',
      'locale',
      'data.orderInformation.amountDetails.totalAmount',
      'data.orderInformation.amountDetails.currency',
    ])
    const upBody = { ...rest, country, locale, orderInformation: data.orderInformation }
    expect((await post('/up/v1/capture-contexts', upBody)).status).toBe(201)
    expect((await post('/uc/v1/sessions', upBody)).status).toBe(400)
  })

  it('takes the faults injected on the sessions route', async () => {
    const remove = running.emulator.faults.inject('sessions', { status: 503, times: 1 })
    try {
      expect((await post('/uc/v1/sessions', CHECKOUT)).status).toBe(503)
      expect((await post('/uc/v1/sessions', CHECKOUT)).status).toBe(201)
    } finally {
      remove()
    }
  })

  it('logs the routes by name and nothing sensitive', () => {
    expect(lines.some((line) => line.startsWith('POST /microform/v2/sessions 201'))).toBe(true)
    expect(lines.some((line) => line.startsWith('POST /uc/v1/sessions 400'))).toBe(true)
    expect(
      lines.some((line) => line.startsWith('GET /microform/bundle/v2/flex-microform.min.js 200')),
    ).toBe(true)
    expectNoSensitiveData(lines.join('\n'), [SENTINEL_SECURITY_CODE])
  })
})

import { createHash } from 'node:crypto'
import { exportJWK, generateKeyPair } from 'jose'
import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS } from 'test-utils'
import { describe, expect, it } from 'vitest'
import {
  cardData,
  contextClaims,
  createCaptureContext,
  encryptFor,
  tokenize,
  verifyWithJwk,
} from './testing/flow.js'
import { useEmulator } from './testing/use-emulator.js'

const running = useEmulator({ maxUsesPerCaptureContext: 3 })
const { lines } = running
const pan = SENTINEL_CARD_NUMBERS[0] as string

async function refusal(response: Response): Promise<string> {
  expect(response.status).toBeGreaterThanOrEqual(400)
  expect(response.status).toBeLessThan(500)
  const body = await response.json()
  expect(Object.keys(body)).toEqual(['correlationId', 'details', 'message', 'reason'])
  expectNoSensitiveData(JSON.stringify(body))
  return body.reason
}

describe('POST /flex/v2/tokens', () => {
  it('answers 201 with a transient token signed by the one-time key and a Digest header', async () => {
    const context = await createCaptureContext(running.emulator)
    const jwe = await encryptFor(context, { data: cardData(pan), context, index: 0 })
    const response = await tokenize(running.emulator, jwe)
    expect(response.status).toBe(201)
    expect(response.headers.get('content-type')).toBe('application/jwt')
    const jwt = await response.text()
    expect(response.headers.get('digest')).toBe(
      `SHA-256=${createHash('sha256').update(jwt).digest('base64')}`,
    )
    const { flx } = contextClaims(context)
    expect(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString()).toBe(
      `{"kid":"${flx.jwk.kid}","alg":"RS256"}`,
    )
    const claims = await verifyWithJwk(jwt, flx.jwk)
    expect(Object.keys(claims)).toEqual(['iss', 'exp', 'type', 'iat', 'jti', 'content'])
    expect(claims.content).toEqual({
      paymentInformation: {
        card: {
          number: { maskedValue: 'XXXXXXXXXXXX1111', bin: '411111' },
          type: { value: '001' },
          expirationMonth: { value: '12' },
          expirationYear: { value: '2031' },
          securityCode: {},
        },
      },
    })
    expect(claims.iss).toMatch(/^Flex\/\d\d$/)
    expect(claims.type).toBe('api-0.1.0')
    expect(claims.jti).toMatch(/^[A-Z0-9]{64}$/)
    expect((claims.exp as number) - (claims.iat as number)).toBe(900)
    expectNoSensitiveData(jwt)

    const inspected = running.emulator.inspectTransientToken(jwt)
    expect(inspected).toEqual({
      jti: claims.jti,
      maskedCard: {
        bin: '411111',
        lastFour: '1111',
        maskedNumber: '411111XXXXXX1111',
        brand: 'visa',
      },
      fields: [
        'paymentInformation.card.number',
        'paymentInformation.card.securityCode',
        'paymentInformation.card.expirationMonth',
        'paymentInformation.card.expirationYear',
      ],
      issuedAt: new Date((claims.iat as number) * 1000),
      expiresAt: new Date((claims.exp as number) * 1000),
    })
    expect(running.emulator.inspectTransientToken(claims.jti as string)).toEqual(inspected)
    expect(running.emulator.inspectTransientToken('NOPE')).toBeUndefined()
    expect(running.emulator.inspectTransientToken('x.%%.y')).toBeUndefined()
    expectNoSensitiveData(inspected)
  })

  it('accepts RSA-OAEP, the JSON {keyId} form and flat dotted data keys', async () => {
    const context = await createCaptureContext(running.emulator)
    const oaep = await encryptFor(
      context,
      { data: cardData(), context, index: 0 },
      { alg: 'RSA-OAEP' },
    )
    expect((await tokenize(running.emulator, oaep, 'json')).status).toBe(201)
    const flat = {
      'paymentInformation.card.number': '5555555555554444',
      'paymentInformation.card.expirationMonth': '01',
      'paymentInformation.card.expirationYear': '2030',
    }
    const jwe = await encryptFor(context, { data: flat, context, index: 0 })
    const response = await tokenize(running.emulator, jwe)
    expect(response.status).toBe(201)
    expect(running.emulator.inspectTransientToken(await response.text())?.maskedCard?.brand).toBe(
      'mastercard',
    )
  })

  it('refuses every decryption failure with one generic CREATE_TOKEN_DECRYPTION', async () => {
    const context = await createCaptureContext(running.emulator)
    const payload = { data: cardData(), context, index: 0 }
    const stranger = await generateKeyPair('RSA-OAEP-256', { extractable: true })
    const strangerJwk = await exportJWK(stranger.publicKey)
    const good = await encryptFor(context, payload)
    const [h, k, iv, c, t] = good.split('.') as [string, string, string, string, string]
    const flip = (part: string) => `${part.slice(0, -2)}${part.endsWith('AA') ? 'BB' : 'AA'}`
    const bodies = [
      await encryptFor(context, payload, { jwk: strangerJwk }),
      await encryptFor(context, payload, { header: { kid: 'A'.repeat(32) } }),
      await encryptFor(context, payload, { enc: 'A128GCM' }),
      await encryptFor(context, payload, { header: { zip: 'DEF' } }),
      await encryptFor(context, payload, { header: { cty: 'JWT' } }),
      [h, k, iv, c, flip(t)].join('.'),
      [h, flip(k), iv, c, t].join('.'),
      [h, k, iv, flip(c), t].join('.'),
    ]
    const messages = new Set<string>()
    for (const body of bodies) {
      const response = await tokenize(running.emulator, body)
      const error = await response.clone().json()
      expect(await refusal(response)).toBe('CREATE_TOKEN_DECRYPTION')
      messages.add(error.message)
    }
    expect(messages.size).toBe(1)
  })

  it('refuses RSA1_5 (a JWE built by hand, since jose does not offer it)', async () => {
    const context = await createCaptureContext(running.emulator)
    const jwe = await encryptFor(context, { data: cardData(), context })
    const header = Buffer.from(
      JSON.stringify({ alg: 'RSA1_5', enc: 'A256GCM', kid: contextClaims(context).flx.jwk.kid }),
    ).toString('base64url')
    expect(
      await refusal(
        await tokenize(running.emulator, [header, ...jwe.split('.').slice(1)].join('.')),
      ),
    ).toBe('CREATE_TOKEN_DECRYPTION')
  })

  it('refuses malformed bodies as 4xx', async () => {
    for (const [body, type] of [
      ['', 'application/jwt'],
      ['not a jwe', 'application/jwt'],
      ['{"keyId": 5}', 'application/json'],
      ['{"keyId":', 'application/json'],
      ['a.b.c.d.e', 'application/xml'],
      ['\u0000\u0001', 'application/jwt'],
    ] as const) {
      const response = await fetch(`${running.emulator.url}/flex/v2/tokens`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      })
      await refusal(response)
    }
    const big = await fetch(`${running.emulator.url}/flex/v2/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/jwt' },
      body: 'a'.repeat(70_000),
    })
    expect(big.status).toBe(413)
  })

  it('refuses payloads that are not about a context issued here and bound to the key', async () => {
    const context = await createCaptureContext(running.emulator)
    const second = await createCaptureContext(running.emulator)
    const cases: [unknown, string][] = [
      [{ data: cardData() }, 'CAPTURE_CONTEXT_INVALID'],
      [{ data: cardData(), context: 'eyJ.eyJ.x' }, 'CREATE_TOKEN_CAPTURE_CONTEXT_NOT_FOUND'],
      [{ data: cardData(), context: second }, 'CAPTURE_CONTEXT_INVALID'],
      [{ context }, 'CREATE_TOKEN_NO_DATA_SUBMITTED'],
      [{ data: {}, context }, 'CREATE_TOKEN_NO_DATA_SUBMITTED'],
      [{ data: cardData(), context, index: -1 }, 'API_JWE_PARSING_ERROR'],
      [[1, 2], 'API_JWE_PARSING_ERROR'],
    ]
    for (const [payload, reason] of cases) {
      expect(
        await refusal(await tokenize(running.emulator, await encryptFor(context, payload))),
      ).toBe(reason)
    }
  })

  it('validates the data against the fields with CREATE_TOKEN_VALIDATION_SERVERSIDE', async () => {
    const context = await createCaptureContext(running.emulator)
    const bad = {
      paymentInformation: {
        card: { number: '4111111111111112', expirationMonth: '13', expirationYear: '2031' },
      },
      orderInformation: { billTo: { firstName: 'Ada' } },
    }
    const response = await tokenize(
      running.emulator,
      await encryptFor(context, { data: bad, context }),
    )
    const body = await response.clone().json()
    expect(await refusal(response)).toBe('CREATE_TOKEN_VALIDATION_SERVERSIDE')
    expect(body.details.map((detail: { location: string }) => detail.location).sort()).toEqual([
      'captureData.orderInformation.billTo.firstName',
      'captureData.paymentInformation.card.expirationMonth',
      'captureData.paymentInformation.card.number',
    ])
    const missing = await tokenize(
      running.emulator,
      await encryptFor(context, {
        data: { paymentInformation: { card: { number: pan } } },
        context,
      }),
    )
    expect(await refusal(missing)).toBe('CREATE_TOKEN_VALIDATION_SERVERSIDE')
  })

  it('limits the uses of one capture context', async () => {
    const context = await createCaptureContext(running.emulator)
    const jwe = await encryptFor(context, { data: cardData(), context })
    for (let use = 0; use < 3; use += 1)
      expect((await tokenize(running.emulator, jwe)).status).toBe(201)
    expect(await refusal(await tokenize(running.emulator, jwe))).toBe(
      'CREATE_TOKEN_CAPTURE_CONTEXT_USED_TOO_MANY_TIMES',
    )
  })

  it('counts a use also when the payload carries no data or a bad index, as the README says', async () => {
    const context = await createCaptureContext(running.emulator)
    for (const payload of [
      { context },
      { data: {}, context },
      { data: cardData(), context, index: -1 },
    ]) {
      await refusal(await tokenize(running.emulator, await encryptFor(context, payload)))
    }
    const jwe = await encryptFor(context, { data: cardData(), context })
    expect(await refusal(await tokenize(running.emulator, jwe))).toBe(
      'CREATE_TOKEN_CAPTURE_CONTEXT_USED_TOO_MANY_TIMES',
    )
  })

  it('refuses an expired capture context once the clock moves 15 minutes', async () => {
    const context = await createCaptureContext(running.emulator)
    const jwe = await encryptFor(context, { data: cardData(), context })
    running.emulator.clock.advance(900_000)
    try {
      expect(await refusal(await tokenize(running.emulator, jwe))).toBe('CAPTURE_CONTEXT_EXPIRED')
    } finally {
      running.emulator.clock.reset()
    }
    expect((await tokenize(running.emulator, jwe)).status).toBe(201)
  })

  it('never logs card data', () => {
    expect(lines.length).toBeGreaterThan(10)
    expectNoSensitiveData(lines.join('\n'))
  })
})

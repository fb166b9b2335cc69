import { expectNoSensitiveData } from 'test-utils'
import { afterAll, describe, expect, it } from 'vitest'
import { generateMerchant } from './merchant-credentials.js'
import { startFlexEmulator } from './start-flex-emulator.js'
import { createCaptureContext, encryptFor, tokenize } from './testing/flow.js'
import {
  authorizationRequest,
  authorize,
  issueTransientToken,
  send,
  VISA,
} from './testing/payment-flow.js'
import { useEmulator } from './testing/use-emulator.js'

const other = generateMerchant()

const running = useEmulator({ merchants: [generateMerchant(), other] })
const { lines } = running
afterAll(() => expectNoSensitiveData(lines.join('\n')))

const jtiOf = (jwt: string): string =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()).jti

describe('POST /pts/v2/payments', () => {
  it('authorizes a transient token in the shape of PtsV2PaymentsPost201Response', async () => {
    const answer = await authorize(running.emulator, '102.21')
    expect(answer.status).toBe(201)
    expect(answer.contentType).toBe('application/hal+json;charset=utf-8')
    const { id } = answer.body
    expect(id).toMatch(/^[0-9]{22}$/)
    expect(answer.body).toMatchObject({
      _links: {
        self: { href: `/pts/v2/payments/${id}`, method: 'GET' },
        capture: { href: `/pts/v2/payments/${id}/captures`, method: 'POST' },
        reversal: { href: `/pts/v2/payments/${id}/reversals`, method: 'POST' },
      },
      status: 'AUTHORIZED',
      clientReferenceInformation: { code: 'TC50171_3' },
      processorInformation: {
        approvalCode: expect.stringMatching(/^[0-9]{6}$/),
        responseCode: '00',
        avs: { code: 'Y' },
        cardVerification: { resultCode: 'M' },
      },
      orderInformation: {
        amountDetails: { totalAmount: '102.21', authorizedAmount: '102.21', currency: 'USD' },
      },
    })
    expect(answer.body.submitTimeUtc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(answer.body.errorInformation).toBeUndefined()
    expectNoSensitiveData(answer.text)
    const inspected = running.emulator.inspectPayment(id)
    expect(inspected).toMatchObject({
      authorizationStatus: 'AUTHORIZED',
      authorizedAmount: '102.21',
      capturedAmount: '0.00',
      card: { maskedNumber: `${VISA.slice(0, 6)}XXXXXX${VISA.slice(-4)}`, brand: 'visa' },
    })
    expectNoSensitiveData(inspected)
  })

  it('accepts the jti form of the token and reads AVS as unavailable without a postal code', async () => {
    const token = await issueTransientToken(running.emulator, { securityCode: false })
    const body = authorizationRequest(token, '5.00', { jti: jtiOf(token) })
    delete (body.orderInformation as { billTo?: unknown }).billTo
    const answer = await send(running.emulator, '/pts/v2/payments', body)
    expect(answer.status).toBe(201)
    expect(answer.body.processorInformation.avs.code).toBe('U')
    expect(answer.body.processorInformation.cardVerification).toBeUndefined()
  })

  it('refuses a token used for an authorization before, even a declined one', async () => {
    const token = await issueTransientToken(running.emulator)
    const first = await send(
      running.emulator,
      '/pts/v2/payments',
      authorizationRequest(token, '20.01'),
    )
    expect(first.body.status).toBe('DECLINED')
    for (const body of [
      authorizationRequest(token),
      authorizationRequest(token, '1.00', { jti: jtiOf(token) }),
    ]) {
      const again = await send(running.emulator, '/pts/v2/payments', body)
      expect(again.status).toBe(400)
      expect(again.body).toMatchObject({ status: 'INVALID_REQUEST', reason: 'INVALID_DATA' })
      expect(again.body.details[0].reason).toBe('INVALID_DATA')
    }
  })

  it('keeps a token used after its payment is forgotten (maxPayments)', async () => {
    const small = await startFlexEmulator({ keyPool: { reuseKeys: true }, maxPayments: 2 })
    try {
      const token = await issueTransientToken(small)
      expect((await send(small, '/pts/v2/payments', authorizationRequest(token))).status).toBe(201)
      for (let index = 0; index < 3; index += 1) expect((await authorize(small)).status).toBe(201)
      const again = await send(small, '/pts/v2/payments', authorizationRequest(token))
      expect(again.status).toBe(400)
      expect(again.body).toMatchObject({ status: 'INVALID_REQUEST', reason: 'INVALID_DATA' })
    } finally {
      await small.close()
    }
  })

  it('does not use up a token on a refused request', async () => {
    const token = await issueTransientToken(running.emulator)
    const refused = await send(
      running.emulator,
      '/pts/v2/payments',
      authorizationRequest(token, '1.001'),
    )
    expect(refused.status).toBe(400)
    const accepted = await send(
      running.emulator,
      '/pts/v2/payments',
      authorizationRequest(token, '1.00'),
    )
    expect(accepted.status).toBe(201)
  })

  it('refuses an expired token on the emulator clock', async () => {
    const token = await issueTransientToken(running.emulator)
    running.emulator.clock.advance(15 * 60_000)
    try {
      const answer = await send(running.emulator, '/pts/v2/payments', authorizationRequest(token))
      expect(answer.status).toBe(400)
      expect(answer.body.message).toMatch(/expired/)
      expect(answer.body.details).toEqual([
        { field: 'tokenInformation.transientTokenJwt', reason: 'INVALID_DATA' },
      ])
    } finally {
      running.emulator.clock.reset()
    }
  })

  it("refuses another merchant's token, a forged token and an unknown jti alike", async () => {
    const token = await issueTransientToken(running.emulator)
    const [header, payload, signature] = token.split('.') as [string, string, string]
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 1 })).toString('base64url')}.${signature}`
    const cases = [
      send(running.emulator, '/pts/v2/payments', authorizationRequest(token), { merchant: other }),
      send(running.emulator, '/pts/v2/payments', authorizationRequest(forged)),
      send(running.emulator, '/pts/v2/payments', authorizationRequest('a.b.c')),
      send(
        running.emulator,
        '/pts/v2/payments',
        authorizationRequest(token, '1.00', { jti: 'A'.repeat(64) }),
      ),
    ]
    for (const answer of await Promise.all(cases)) {
      expect(answer.status).toBe(400)
      expect(answer.body.message).toBe('The transient token was not issued here')
    }
    expect(
      (await send(running.emulator, '/pts/v2/payments', authorizationRequest(token))).status,
    ).toBe(201)
  })

  it('refuses a reused transactionId as DUPLICATE_REQUEST', async () => {
    const first = await authorize(running.emulator, '1.00', { transactionId: 'dup-1' })
    expect(first.status).toBe(201)
    const second = await authorize(running.emulator, '1.00', { transactionId: 'dup-1' })
    expect(second.status).toBe(400)
    expect(second.body.reason).toBe('DUPLICATE_REQUEST')
  })

  it.each([
    ['10', 'JPY', 201],
    ['10.5', 'JPY', 400],
    ['1.234', 'BHD', 201],
    ['1.2345', 'BHD', 400],
    ['1.234', 'USD', 400],
    ['-1.00', 'USD', 400],
    ['1e3', 'USD', 400],
    ['1.00', 'XAU', 400],
    ['1.00', 'ABC', 400],
    ['1.00', 'usd', 400],
    ['1234567890123.00', 'USD', 400],
  ])('amount %s %s answers %i', async (amount, currency, status) => {
    const answer = await authorize(running.emulator, amount, { currency })
    expect(answer.status).toBe(status)
    if (status === 400) {
      expect(answer.body.status).toBe('INVALID_REQUEST')
      expect(answer.body.details[0].field).toMatch(/^orderInformation\.amountDetails\./)
      expect(answer.text).not.toContain(amount)
    }
  })
})

describe('malformed and unauthenticated payment requests', () => {
  it('answers 401 without authentication and reveals nothing about the body', async () => {
    const response = await fetch(`${running.emulator.url}/pts/v2/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    })
    expect(response.status).toBe(401)
    expect((await response.json()).reason).toBe('INVALID_APIKEY')
  })

  it.each([
    ['not JSON', '{', {}],
    ['an array', '[]', {}],
    [
      'invalid UTF-8',
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
      {},
    ],
    ['a wrong content type', '{}', { 'content-type': 'text/plain' }],
    ['a latin-1 charset', '{}', { 'content-type': 'application/json;charset=iso-8859-1' }],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`, {}],
    [
      'a number amount',
      JSON.stringify({ orderInformation: { amountDetails: { totalAmount: 5, currency: 'USD' } } }),
      {},
    ],
    ['no amount', JSON.stringify({ tokenInformation: { jti: 'A' } }), {}],
    [
      'a capture flag that is a string',
      JSON.stringify({
        processingInformation: { capture: 'yes' },
        orderInformation: { amountDetails: { totalAmount: '1.00', currency: 'USD' } },
      }),
      {},
    ],
    [
      'no token',
      JSON.stringify({
        orderInformation: { amountDetails: { totalAmount: '1.00', currency: 'USD' } },
      }),
      {},
    ],
    [
      'a control character in the reference',
      JSON.stringify({
        clientReferenceInformation: { code: 'a\u0001' },
        orderInformation: { amountDetails: { totalAmount: '1.00', currency: 'USD' } },
      }),
      {},
    ],
  ])('answers 400 INVALID_REQUEST to %s', async (_name, rawBody, headers) => {
    const answer = await send(running.emulator, '/pts/v2/payments', undefined, { rawBody, headers })
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ status: 'INVALID_REQUEST' })
    expect(answer.body.submitTimeUtc).toMatch(/Z$/)
  })

  it('answers 405 with Allow to a wrong method and 400 to an id that is not one', async () => {
    const get = await send(running.emulator, '/pts/v2/payments', undefined, { method: 'GET' })
    expect(get.status).toBe(405)
    const response = await fetch(`${running.emulator.url}/pts/v2/reversals`, { method: 'PUT' })
    expect(response.headers.get('allow')).toBe('POST')
    const badId = await send(running.emulator, '/pts/v2/payments/abc/captures', {
      orderInformation: {},
    })
    expect(badId.status).toBe(400)
    expect(badId.body.details).toEqual([{ field: 'id', reason: 'INVALID_DATA' }])
    const unknown = await send(running.emulator, `/pts/v2/payments/${'1'.repeat(22)}/captures`, {})
    expect(unknown.body.reason).toBe('MISSING_AUTH')
  })

  it('refuses a body over the limit with 413 and injects faults on the payments route', async () => {
    const big = await send(running.emulator, '/pts/v2/payments', undefined, {
      rawBody: `"${'a'.repeat(70_000)}"`,
    })
    expect(big.status).toBe(413)
    const remove = running.emulator.faults.inject('payments', { status: 502, times: 1 })
    const faulted = await authorize(running.emulator, '1.00')
    expect(faulted.status).toBe(502)
    remove()
  })
})

describe('correlation ids of payment answers', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

  it('sends a fresh v-c-correlation-id with every 400 and 404 of the payment routes', async () => {
    const refusals = [
      await send(running.emulator, '/pts/v2/payments', undefined, { rawBody: '{' }),
      await authorize(running.emulator, '10.5', { currency: 'JPY' }),
      await send(running.emulator, '/pts/v2/payments/abc/captures', { orderInformation: {} }),
      await send(running.emulator, `/tss/v2/transactions/${'9'.repeat(22)}`, undefined, {
        method: 'GET',
      }),
      await send(running.emulator, `/flex/v2/payment-details/${'A'.repeat(64)}`, undefined, {
        method: 'GET',
      }),
    ]
    expect(refusals.map((answer) => answer.status)).toEqual([400, 400, 400, 404, 404])
    for (const answer of refusals) expect(answer.correlationId).toMatch(UUID)
    const ids = new Set(refusals.map((answer) => answer.correlationId))
    expect(ids.size).toBe(refusals.length)
  })

  it('sends one with every success answer too, a fresh one each time', async () => {
    const answers = [await authorize(running.emulator), await authorize(running.emulator)]
    expect(answers.map((answer) => answer.status)).toEqual([201, 201])
    for (const answer of answers) expect(answer.correlationId).toMatch(UUID)
    expect(answers[0]?.correlationId).not.toBe(answers[1]?.correlationId)
  })

  it('keeps the header of refusals that already had one (401, 413)', async () => {
    const big = await send(running.emulator, '/pts/v2/payments', undefined, {
      rawBody: `"${'a'.repeat(70_000)}"`,
    })
    expect(big.status).toBe(413)
    expect(big.correlationId).toMatch(UUID)
    const response = await fetch(`${running.emulator.url}/pts/v2/payments`, {
      method: 'POST',
      body: '{}',
    })
    expect(response.status).toBe(401)
    expect(response.headers.get('v-c-correlation-id')).toMatch(UUID)
  })
})

describe('inspectPayment', () => {
  it('answers undefined for an unknown id and throws a usage error for a non-string', () => {
    expect(running.emulator.inspectPayment('0')).toBeUndefined()
    expect(() => running.emulator.inspectPayment(42 as never)).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_ARG_VALUE',
        message: 'inspectPayment: id must be a string',
      }),
    )
  })
})

describe('the request log of payment routes', () => {
  it('shows the route template, never the id the caller put in the path', async () => {
    const answer = await send(running.emulator, `/pts/v2/payments/${VISA}/captures`, {})
    expect(answer.body.reason).toBe('MISSING_AUTH')
    expect(lines.at(-1)).toMatch(/^POST \/pts\/v2\/payments\/\{id\}\/captures 400 MISSING_AUTH/)
    await send(running.emulator, `/flex/v2/payment-details/${'B'.repeat(64)}`, undefined, {
      method: 'GET',
    })
    expect(lines.at(-1)).toMatch(/^GET \/flex\/v2\/payment-details\/\{jti\} 404 NOT_FOUND/)
    expectNoSensitiveData(lines.join('\n'))
  })
})

describe('GET /flex/v2/payment-details/{jti}', () => {
  it('answers the masked card only, to the merchant of the token', async () => {
    const token = await issueTransientToken(running.emulator)
    const path = `/flex/v2/payment-details/${jtiOf(token)}`
    const answer = await send(running.emulator, path, undefined, { method: 'GET' })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      paymentInformation: {
        card: {
          number: {
            maskedValue: `${VISA.slice(0, 6)}XXXXXX${VISA.slice(-4)}`,
            bin: VISA.slice(0, 6),
          },
        },
      },
    })
    expectNoSensitiveData(answer.text)
    const foreign = await send(running.emulator, path, undefined, {
      method: 'GET',
      merchant: other,
    })
    expect(foreign.status).toBe(404)
    const unknown = await send(running.emulator, '/flex/v2/payment-details/NOPE', undefined, {
      method: 'GET',
    })
    expect(unknown.status).toBe(404)
    const post = await send(running.emulator, path, {})
    expect(post.status).toBe(405)
  })

  it('answers an empty paymentInformation for a token without a card number', async () => {
    const context = await createCaptureContext(running.emulator, {
      orderInformation: { billTo: { postalCode: {} } },
    })
    const data = { orderInformation: { billTo: { postalCode: '94105' } } }
    const token = await (
      await tokenize(running.emulator, await encryptFor(context, { data, context }))
    ).text()
    const answer = await send(
      running.emulator,
      `/flex/v2/payment-details/${jtiOf(token)}`,
      undefined,
      {
        method: 'GET',
      },
    )
    expect(answer.body).toEqual({ paymentInformation: {} })
  })
})

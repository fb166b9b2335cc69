// flex-payments through a real flex-client, over HTTP, against a stub of the payments routes that
// verifies the authentication on its own (src/test/payments-stub.ts).
import { randomBytes } from 'node:crypto'
import { createFlexClient, type FlexAuthentication } from 'flex-client'
import { expectNoSensitiveData, renderThrown } from 'test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizePayment } from './authorize-payment.js'
import { capturePayment } from './capture-payment.js'
import { FlexPaymentOutcomeUnknownError } from './errors.js'
import { refundPayment } from './refund-payment.js'
import { reverseAfterTimeout } from './reverse-after-timeout.js'
import { VALID_TOKEN } from './test/fake-payments-client.js'
import { startPaymentsStub } from './test/payments-stub.js'

const merchant = {
  merchantId: 'payments_merchant',
  keyId: '0f6f1b8e-3c2d-4e5f-8a9b-1c2d3e4f5a6b',
  sharedSecret: randomBytes(32).toString('base64'),
}

// The fixture token expires 15 minutes after its fixed date; the stub checks the real clock.
const authorization = { transientToken: VALID_TOKEN, amount: '102.21', currency: 'USD' }
const tokenDate = () => new Date(JSON.parse(atob(VALID_TOKEN.split('.')[1] ?? '')).iat * 1000)

let stub: Awaited<ReturnType<typeof startPaymentsStub>>
let dropping: Awaited<ReturnType<typeof startPaymentsStub>>

beforeAll(async () => {
  stub = await startPaymentsStub(merchant)
  dropping = await startPaymentsStub(merchant, { dropAuthorizationAnswer: true })
})

afterAll(async () => {
  await stub.server.close()
  await dropping.server.close()
})

describe.each(['jwt', 'http-signature'] as const)('with %s authentication', (scheme) => {
  const client = (origin: string, timeout?: number) =>
    createFlexClient({
      origin,
      credentials: merchant,
      authentication: scheme satisfies FlexAuthentication,
      ...(timeout ? { timeout } : {}),
    })

  it('authorizes, captures and refunds on the documented routes, each authenticated', async () => {
    const payments = client(stub.server.url)
    const before = stub.received.length
    const authorized = await authorizePayment(payments, {
      ...authorization,
      currentDate: tokenDate,
    })
    expect(authorized).toMatchObject({ status: 'AUTHORIZED', id: '7000000000000000000001' })
    const captured = await capturePayment(payments, {
      paymentId: authorized.id ?? '',
      amount: '100.00',
      currency: 'USD',
    })
    expect(captured).toMatchObject({
      status: 'PENDING',
      amount: '100.00',
      correlationId: 'stub-201',
    })
    const refunded = await refundPayment(payments, {
      captureId: captured.id,
      amount: '40.00',
      currency: 'USD',
    })
    expect(refunded).toMatchObject({ status: 'PENDING', amount: '40.00' })

    const requests = stub.received.slice(before)
    expect(
      requests.map(({ method, path, scheme: used, problem }) => ({ method, path, used, problem })),
    ).toEqual([
      { method: 'POST', path: '/pts/v2/payments', used: scheme, problem: undefined },
      {
        method: 'POST',
        path: '/pts/v2/payments/7000000000000000000001/captures',
        used: scheme,
        problem: undefined,
      },
      {
        method: 'POST',
        path: '/pts/v2/captures/7000000000000000000002/refunds',
        used: scheme,
        problem: undefined,
      },
    ])
    expect(requests[0]?.body).toEqual({
      clientReferenceInformation: { transactionId: authorized.transactionId },
      orderInformation: { amountDetails: { totalAmount: '102.21', currency: 'USD' } },
      tokenInformation: { transientTokenJwt: VALID_TOKEN },
    })
    expect(requests[1]?.body).toEqual({
      clientReferenceInformation: { transactionId: captured.transactionId },
      orderInformation: { amountDetails: { totalAmount: '100.00', currency: 'USD' } },
    })
    expect(requests[2]?.body).toEqual({
      clientReferenceInformation: { transactionId: refunded.transactionId },
      orderInformation: { amountDetails: { totalAmount: '40.00', currency: 'USD' } },
    })
  })

  it('is refused by the stub when the secret differs (the stub really verifies)', async () => {
    const before = stub.received.length
    const error = await authorizePayment(
      createFlexClient({
        origin: stub.server.url,
        credentials: { ...merchant, sharedSecret: randomBytes(32).toString('base64') },
        authentication: scheme,
      }),
      { ...authorization, currentDate: tokenDate },
    ).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'ERR_FLEX_AUTHENTICATION', status: 401 })
    expect(stub.received.slice(before)).toMatchObject([
      { path: '/pts/v2/payments', problem: expect.any(String) },
    ])
  })

  it('sends an unanswered authorization once, then reverses it by its transactionId', async () => {
    const before = dropping.received.length
    const error = await authorizePayment(client(dropping.server.url, 300), {
      ...authorization,
      currentDate: tokenDate,
    }).catch((caught: unknown) => caught)
    expect(FlexPaymentOutcomeUnknownError.isInstance(error)).toBe(true)
    const unknown = error as FlexPaymentOutcomeUnknownError
    expect(unknown).toMatchObject({
      code: 'ERR_FLEX_PAYMENT_OUTCOME_UNKNOWN',
      recovery: 'reverseAfterTimeout',
      cause: { code: 'ERR_FLEX_TIMEOUT' },
    })
    expectNoSensitiveData(renderThrown(error), [VALID_TOKEN, merchant.sharedSecret])
    const sent = dropping.received.slice(before)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ path: '/pts/v2/payments', problem: undefined })
    expect(sent[0]?.body).toMatchObject({
      clientReferenceInformation: { transactionId: unknown.transactionId },
    })

    const reversed = await reverseAfterTimeout(client(dropping.server.url), {
      transactionId: unknown.transactionId,
      amount: '102.21',
      currency: 'USD',
    })
    expect(reversed).toMatchObject({ status: 'REVERSED', amount: '102.21' })
    const all = dropping.received.slice(before)
    expect(all.map(({ path, problem }) => ({ path, problem }))).toEqual([
      { path: '/pts/v2/payments', problem: undefined },
      { path: '/pts/v2/reversals', problem: undefined },
    ])
    expect(all[1]?.body).toEqual({
      clientReferenceInformation: { transactionId: unknown.transactionId },
      reversalInformation: { amountDetails: { totalAmount: '102.21', currency: 'USD' } },
    })
  })
})

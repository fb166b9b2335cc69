import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { authorizePayment } from './authorize-payment.js'
import { FlexPaymentOutcomeUnknownError, FlexPaymentResponseError } from './errors.js'
import {
  created,
  createFakePaymentsClient,
  NOW,
  TEST_JTI,
  VALID_TOKEN,
} from './test/fake-payments-client.js'

const base = { transientToken: VALID_TOKEN, amount: '102.21', currency: 'USD', currentDate: NOW }

describe('authorizePayment: the request', () => {
  it('posts the JWT, the amount and a generated 32-hex transactionId to /pts/v2/payments', async () => {
    const client = createFakePaymentsClient([
      created({ id: '7000000000000000000001', status: 'AUTHORIZED' }),
    ])
    const result = await authorizePayment(client, base)
    expect(client.calls).toHaveLength(1)
    const [call] = client.calls
    expect(call?.method).toBe('POST')
    expect(call?.path).toBe('/pts/v2/payments')
    expect(call?.operation).toBe('authorizePayment')
    const body = call?.body as { clientReferenceInformation: { transactionId: string } }
    expect(body.clientReferenceInformation.transactionId).toMatch(/^[0-9a-f]{32}$/)
    expect(body).toEqual({
      clientReferenceInformation: { transactionId: body.clientReferenceInformation.transactionId },
      orderInformation: { amountDetails: { totalAmount: '102.21', currency: 'USD' } },
      tokenInformation: { transientTokenJwt: VALID_TOKEN },
    })
    expect(result.transactionId).toBe(body.clientReferenceInformation.transactionId)
  })

  it('generates a different transactionId for every authorization', async () => {
    const client = createFakePaymentsClient([
      created({ id: '1', status: 'AUTHORIZED' }),
      created({ id: '2', status: 'AUTHORIZED' }),
    ])
    const first = await authorizePayment(client, base)
    const second = await authorizePayment(client, base)
    expect(first.transactionId).not.toBe(second.transactionId)
  })

  it('sends the jti form, a sale, the caller transactionId, the reference and billTo', async () => {
    const client = createFakePaymentsClient([created({ id: '1', status: 'AUTHORIZED' })])
    const billTo = {
      firstName: 'Ada',
      lastName: 'Lovelace',
      country: 'GB',
      email: 'ada@example.test',
    }
    await authorizePayment(client, {
      jti: TEST_JTI,
      amount: '5000',
      currency: 'JPY',
      capture: true,
      transactionId: 'order-42_try-1',
      clientReference: 'order 42',
      billTo,
    })
    expect(client.calls[0]?.body).toEqual({
      clientReferenceInformation: { code: 'order 42', transactionId: 'order-42_try-1' },
      processingInformation: { capture: true },
      orderInformation: { amountDetails: { totalAmount: '5000', currency: 'JPY' }, billTo },
      tokenInformation: { jti: TEST_JTI },
    })
  })

  it('sends no processingInformation for capture: false', async () => {
    const client = createFakePaymentsClient([created({ id: '1', status: 'AUTHORIZED' })])
    await authorizePayment(client, { ...base, capture: false })
    expect(client.calls[0]?.body).not.toHaveProperty('processingInformation')
  })
})

describe('authorizePayment: the answer', () => {
  const accepted = [
    'AUTHORIZED',
    'PARTIAL_AUTHORIZED',
    'AUTHORIZED_PENDING_REVIEW',
    'AUTHORIZED_RISK_DECLINED',
    'PENDING_AUTHENTICATION',
    'PENDING_REVIEW',
  ] as const
  it.each(accepted)('reads %s with its id, amounts and reason', async (status) => {
    const client = createFakePaymentsClient([
      created({
        id: '7000000000000000000001',
        status,
        submitTimeUtc: '2026-12-05T12:00:01Z',
        reconciliationId: '7000000000000000000001',
        errorInformation: { reason: 'DECISION_PROFILE_REVIEW', message: 'free text' },
        orderInformation: {
          amountDetails: { authorizedAmount: '50.00', totalAmount: '102.21', currency: 'USD' },
        },
      }),
    ])
    const result = await authorizePayment(client, base)
    expect(result).toEqual({
      status,
      id: '7000000000000000000001',
      transactionId: expect.stringMatching(/^[0-9a-f]{32}$/),
      submitTimeUtc: '2026-12-05T12:00:01Z',
      reconciliationId: '7000000000000000000001',
      correlationId: 'corr-1',
      reason: 'DECISION_PROFILE_REVIEW',
      amount: '50.00',
      requestedAmount: '102.21',
      currency: 'USD',
    })
  })

  it.each(['DECLINED', 'INVALID_REQUEST'] as const)(
    'returns %s as a result, with the reason',
    async (status) => {
      const client = createFakePaymentsClient([
        created({
          id: '7000000000000000000002',
          status,
          errorInformation: { reason: 'INSUFFICIENT_FUND' },
        }),
      ])
      const result = await authorizePayment(client, base)
      expect(result.status).toBe(status)
      expect(result.reason).toBe('INSUFFICIENT_FUND')
      expect(result.id).toBe('7000000000000000000002')
    },
  )

  it('gives the approval code, AVS and CVN results of an approval, and the codes of a decline', async () => {
    const client = createFakePaymentsClient([
      created({
        id: '1',
        status: 'AUTHORIZED',
        processorInformation: {
          approvalCode: '831000',
          responseCode: '00',
          avs: { code: 'Y' },
          cardVerification: { resultCode: 'M' },
          networkTransactionId: '016153570198200',
        },
      }),
      created({
        status: 'DECLINED',
        processorInformation: { responseCode: '51', avs: { code: 'N' } },
      }),
    ])
    const approved = await authorizePayment(client, base)
    expect(approved.processor).toStrictEqual({
      approvalCode: '831000',
      responseCode: '00',
      avsCode: 'Y',
      cvnCode: 'M',
    })
    const declined = await authorizePayment(client, base)
    expect(declined.processor).toStrictEqual({ responseCode: '51', avsCode: 'N' })
  })

  it('accepts a decline without an id', async () => {
    const client = createFakePaymentsClient([created({ status: 'DECLINED' })])
    const result = await authorizePayment(client, base)
    expect(result).toMatchObject({ status: 'DECLINED', id: undefined, reason: undefined })
  })

  it('drops unknown members and card data of the answer', async () => {
    const pan = SENTINEL_CARD_NUMBERS[0] ?? ''
    const client = createFakePaymentsClient([
      created({
        id: '1',
        status: 'AUTHORIZED',
        paymentInformation: { card: { number: pan } },
        tokenInformation: { jti: TEST_JTI },
        errorInformation: { reason: pan },
        orderInformation: { amountDetails: { authorizedAmount: pan, currency: 'usd' } },
        extra: { anything: true },
      }),
    ])
    const result = await authorizePayment(client, base)
    expect(JSON.stringify(result)).not.toContain(pan)
    expect(JSON.stringify(result)).not.toContain(TEST_JTI)
    expect(Object.keys(result).sort()).toEqual(
      [
        'amount',
        'correlationId',
        'currency',
        'id',
        'reason',
        'reconciliationId',
        'requestedAmount',
        'status',
        'submitTimeUtc',
        'transactionId',
      ].sort(),
    )
    expect(result).toMatchObject({ reason: undefined, currency: undefined })
  })

  it.each([
    ['a body that is not an object', [], 'not-an-object'],
    ['an unknown status', { id: '1', status: 'SETTLED' }, 'unknown-status'],
    ['no status', { id: '1' }, 'unknown-status'],
    ['an accepted status without an id', { status: 'AUTHORIZED' }, 'missing-id'],
    ['an id with unsafe characters', { id: '../1', status: 'AUTHORIZED' }, 'missing-id'],
  ])(
    'answers %s as an unknown outcome, the unreadable answer as its cause',
    async (_title, body, reason) => {
      const client = createFakePaymentsClient([created(body, 'corr-9')])
      const error = await authorizePayment(client, base).catch((thrown: unknown) => thrown)
      // A 201 that cannot be read may be a payment made: undo it, never send it again.
      expect(FlexPaymentOutcomeUnknownError.isInstance(error)).toBe(true)
      expect(error).toMatchObject({ recovery: 'reverseAfterTimeout', path: '/pts/v2/payments' })
      expect(client.calls).toHaveLength(1)
      const cause = (error as Error).cause
      expect(FlexPaymentResponseError.isInstance(cause)).toBe(true)
      expect(cause).toMatchObject({
        code: 'ERR_FLEX_UNEXPECTED_RESPONSE',
        reason,
        status: 201,
        path: '/pts/v2/payments',
        correlationId: 'corr-9',
      })
      expectNoSensitiveData(error, [VALID_TOKEN])
    },
  )
})

import { FlexRequestError, FlexTimeoutError } from 'flex-client'
import type { FlexValidationError } from 'flex-types'
import { expectNoSensitiveData } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { FlexPaymentOutcomeUnknownError } from './errors.js'
import { refundPayment } from './refund-payment.js'
import { created, createFakePaymentsClient } from './test/fake-payments-client.js'

const money = { amount: '10.00', currency: 'USD' }

describe('refundPayment', () => {
  it.each([
    [
      'payment id',
      { paymentId: '7000000000000000000001' },
      '/pts/v2/payments/7000000000000000000001/refunds',
    ],
    [
      'capture id',
      { captureId: '7000000000000000000002' },
      '/pts/v2/captures/7000000000000000000002/refunds',
    ],
  ])('posts to the route of a %s', async (_title, target, path) => {
    const client = createFakePaymentsClient([
      created({
        id: '7000000000000000000003',
        status: 'PENDING',
        refundAmountDetails: { refundAmount: '10.00', currency: 'USD' },
      }),
    ])
    const result = await refundPayment(client, { ...target, ...money, transactionId: 'ref-1' })
    expect(client.calls).toEqual([
      {
        method: 'POST',
        path,
        operation: 'refundPayment',
        body: {
          clientReferenceInformation: { transactionId: 'ref-1' },
          orderInformation: { amountDetails: { totalAmount: '10.00', currency: 'USD' } },
        },
      },
    ])
    expect(result).toMatchObject({
      status: 'PENDING',
      id: '7000000000000000000003',
      amount: '10.00',
      currency: 'USD',
    })
  })

  it.each(['DECLINED', 'INVALID_REQUEST'] as const)('returns %s as a result', async (status) => {
    const client = createFakePaymentsClient([
      created({ status, errorInformation: { reason: 'PROCESSOR_DECLINED' } }),
    ])
    const result = await refundPayment(client, { paymentId: '1', ...money })
    expect(result).toMatchObject({ status, id: undefined, reason: 'PROCESSOR_DECLINED' })
  })

  it('passes a 400 through with its reason and fields', async () => {
    const refused = new FlexRequestError({
      status: 400,
      method: 'POST',
      path: '/pts/v2/payments/1/refunds',
      reason: 'INVALID_AMOUNT',
      fieldLocations: ['orderInformation.amountDetails.totalAmount'],
    })
    const client = createFakePaymentsClient([{ error: refused }])
    await expect(refundPayment(client, { paymentId: '1', ...money })).rejects.toBe(refused)
  })

  it('turns a timeout into an unknown outcome to be voided', async () => {
    const client = createFakePaymentsClient([
      {
        error: new FlexTimeoutError({
          method: 'POST',
          path: '/pts/v2/payments/1/refunds',
          timeout: 1,
        }),
      },
    ])
    const error = await refundPayment(client, { paymentId: '1', ...money }).catch(
      (caught: unknown) => caught,
    )
    expect(FlexPaymentOutcomeUnknownError.isInstance(error)).toBe(true)
    const sent = client.calls[0]?.body as { clientReferenceInformation: { transactionId: string } }
    expect(error).toMatchObject({
      recovery: 'voidAfterTimeout',
      transactionId: sent.clientReferenceInformation.transactionId,
    })
  })

  it('refuses a bad capture id and a bad amount before any request', async () => {
    const client = createFakePaymentsClient()
    const error = await refundPayment(client, {
      captureId: 'a b',
      amount: '1.5',
      currency: 'JPY',
    }).catch((caught: unknown) => caught)
    expect(client.calls).toEqual([])
    expect(
      (error as FlexValidationError).issues.map(({ path, reason }) => ({ path, reason })),
    ).toEqual([
      { path: 'captureId', reason: 'format' },
      { path: 'amount', reason: 'format' },
    ])
    expectNoSensitiveData(error)
  })

  it.each([
    ['both ids', { paymentId: '1', captureId: '2' }],
    ['no id', {}],
  ])('throws a usage error for %s', async (_title, target) => {
    const client = createFakePaymentsClient()
    const error = await refundPayment(client, { ...target, ...money } as never).catch(
      (caught: unknown) => caught,
    )
    expect(error).toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' })
    expect(client.calls).toEqual([])
  })
})

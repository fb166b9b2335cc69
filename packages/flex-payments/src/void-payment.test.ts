import type { FlexValidationError } from 'flex-types'
import { describe, expect, it } from 'vitest'
import { FlexPaymentResponseError } from './errors.js'
import { created, createFakePaymentsClient } from './test/fake-payments-client.js'
import { voidPayment } from './void-payment.js'

describe('voidPayment', () => {
  it.each([
    ['paymentId', '/pts/v2/payments/11/voids'],
    ['captureId', '/pts/v2/captures/11/voids'],
    ['refundId', '/pts/v2/refunds/11/voids'],
    ['creditId', '/pts/v2/credits/11/voids'],
  ])('posts a void of a %s to its route', async (target, path) => {
    const client = createFakePaymentsClient([
      created({
        id: '7000000000000000000006',
        status: 'VOIDED',
        voidAmountDetails: {
          voidAmount: '10.00',
          originalTransactionAmount: '10.00',
          currency: 'USD',
        },
      }),
    ])
    const result = await voidPayment(client, { [target]: '11' } as never)
    expect(client.calls).toEqual([{ method: 'POST', path, operation: 'voidPayment', body: {} }])
    expect(result).toMatchObject({
      status: 'VOIDED',
      id: '7000000000000000000006',
      amount: '10.00',
      requestedAmount: '10.00',
      currency: 'USD',
    })
  })

  it('sends the client reference when given', async () => {
    const client = createFakePaymentsClient([created({ id: '6', status: 'VOIDED' })])
    await voidPayment(client, { paymentId: '11', clientReference: 'test_void' })
    expect(client.calls[0]?.body).toEqual({ clientReferenceInformation: { code: 'test_void' } })
  })

  it.each(['CANCELLED', 'FAILED'] as const)('reads %s', async (status) => {
    const client = createFakePaymentsClient([created({ id: '6', status })])
    expect((await voidPayment(client, { captureId: '11' })).status).toBe(status)
  })

  it('refuses an answer that is not a void', async () => {
    const client = createFakePaymentsClient([created({ id: '6', status: 'REVERSED' })])
    const error = await voidPayment(client, { captureId: '11' }).catch((caught: unknown) => caught)
    expect(FlexPaymentResponseError.isInstance(error)).toBe(true)
  })

  it('refuses an unsafe id before any request', async () => {
    const client = createFakePaymentsClient()
    const error = await voidPayment(client, { refundId: '?x=1' }).catch((caught: unknown) => caught)
    expect(client.calls).toEqual([])
    expect((error as FlexValidationError).issues[0]).toMatchObject({
      path: 'refundId',
      reason: 'format',
    })
  })

  it.each([
    ['two ids', { paymentId: '1', captureId: '2' }],
    ['no id', {}],
  ])('throws a usage error for %s', async (_title, options) => {
    const client = createFakePaymentsClient()
    const error = await voidPayment(client, options as never).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' })
    expect(client.calls).toEqual([])
  })
})

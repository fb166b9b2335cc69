import { FlexServerError, FlexTimeoutError } from 'flex-client'
import { FlexValidationError } from 'flex-types'
import { expectNoSensitiveData } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { type CapturePaymentOptions, capturePayment } from './capture-payment.js'
import { FlexPaymentOutcomeUnknownError, FlexPaymentResponseError } from './errors.js'
import { created, createFakePaymentsClient } from './test/fake-payments-client.js'

const PAYMENT_ID = '7000000000000000000001'
const PATH = `/pts/v2/payments/${PAYMENT_ID}/captures`
const base: CapturePaymentOptions = { paymentId: PAYMENT_ID, amount: '50.00', currency: 'USD' }

describe('capturePayment', () => {
  it('posts the amount and a transactionId to /pts/v2/payments/{id}/captures', async () => {
    const client = createFakePaymentsClient([
      created({
        id: '7000000000000000000009',
        status: 'PENDING',
        orderInformation: { amountDetails: { totalAmount: '50.00', currency: 'USD' } },
      }),
    ])
    const result = await capturePayment(client, {
      ...base,
      clientReference: 'order-1',
      transactionId: 'cap-1',
    })
    expect(client.calls).toEqual([
      {
        method: 'POST',
        path: PATH,
        operation: 'capturePayment',
        body: {
          clientReferenceInformation: { code: 'order-1', transactionId: 'cap-1' },
          orderInformation: { amountDetails: { totalAmount: '50.00', currency: 'USD' } },
        },
      },
    ])
    expect(result).toEqual({
      status: 'PENDING',
      id: '7000000000000000000009',
      transactionId: 'cap-1',
      submitTimeUtc: undefined,
      reconciliationId: undefined,
      correlationId: 'corr-1',
      amount: '50.00',
      requestedAmount: undefined,
      currency: 'USD',
    })
  })

  it('reads TRANSMITTED', async () => {
    const client = createFakePaymentsClient([created({ id: '9', status: 'TRANSMITTED' })])
    expect((await capturePayment(client, base)).status).toBe('TRANSMITTED')
  })

  it('answers an answer with another status as an unknown outcome (the capture may stand)', async () => {
    const client = createFakePaymentsClient([created({ id: '9', status: 'AUTHORIZED' })])
    const error = await capturePayment(client, base).catch((caught: unknown) => caught)
    expect(FlexPaymentOutcomeUnknownError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ recovery: 'voidAfterTimeout' })
    expect(FlexPaymentResponseError.isInstance((error as Error).cause)).toBe(true)
  })

  it.each([
    ['above the authorized amount', { authorizedAmount: '49.99' }, 'amount', 'out-of-range'],
    ['with a bad authorized amount', { authorizedAmount: '1.001' }, 'authorizedAmount', 'format'],
    ['with an unsafe payment id', { paymentId: '1/../2' }, 'paymentId', 'format'],
    ['with an empty payment id', { paymentId: '' }, 'paymentId', 'format'],
    ['with a zero amount', { amount: '0' }, 'amount', 'out-of-range'],
  ])('refuses a capture %s before any request', async (_title, options, path, reason) => {
    const client = createFakePaymentsClient()
    const error = await capturePayment(client, { ...base, ...options }).catch(
      (caught: unknown) => caught,
    )
    expect(client.calls).toEqual([])
    expect(FlexValidationError.isInstance(error)).toBe(true)
    expect((error as FlexValidationError).issues).toEqual([
      { path, reason, message: expect.any(String) },
    ])
    expectNoSensitiveData(error)
  })

  it('accepts a capture equal to the authorized amount, compared in minor units', async () => {
    const client = createFakePaymentsClient([created({ id: '9', status: 'PENDING' })])
    await capturePayment(client, { ...base, amount: '50', authorizedAmount: '50.00' })
    expect(client.calls).toHaveLength(1)
  })

  it.each([
    ['a timeout', new FlexTimeoutError({ method: 'POST', path: PATH, timeout: 1 })],
    ['a 504', new FlexServerError({ status: 504, method: 'POST', path: PATH })],
  ])('turns %s into an unknown outcome to be voided by transactionId', async (_title, cause) => {
    const client = createFakePaymentsClient([{ error: cause }])
    const error = await capturePayment(client, { ...base, transactionId: 'cap-2' }).catch(
      (caught: unknown) => caught,
    )
    expect(client.calls).toHaveLength(1)
    expect(FlexPaymentOutcomeUnknownError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({
      transactionId: 'cap-2',
      recovery: 'voidAfterTimeout',
      path: PATH,
    })
    expectNoSensitiveData(error)
  })
})

import { FlexTimeoutError } from 'flex-client'
import type { FlexValidationError } from 'flex-types'
import { describe, expect, it } from 'vitest'
import { FlexPaymentOutcomeUnknownError, FlexPaymentResponseError } from './errors.js'
import { reverseAuthorization } from './reverse-authorization.js'
import { created, createFakePaymentsClient } from './test/fake-payments-client.js'

const PATH = '/pts/v2/payments/7000000000000000000001/reversals'
const base = { paymentId: '7000000000000000000001', amount: '102.21', currency: 'USD' }

describe('reverseAuthorization', () => {
  it('posts reversalInformation.amountDetails to /pts/v2/payments/{id}/reversals', async () => {
    const client = createFakePaymentsClient([
      created({
        id: '7000000000000000000004',
        status: 'REVERSED',
        reversalAmountDetails: {
          reversedAmount: '102.21',
          originalTransactionAmount: '102.21',
          currency: 'USD',
        },
      }),
    ])
    const result = await reverseAuthorization(client, { ...base, clientReference: 'order-1' })
    expect(client.calls).toEqual([
      {
        method: 'POST',
        path: PATH,
        operation: 'reverseAuthorization',
        body: {
          clientReferenceInformation: { code: 'order-1' },
          reversalInformation: { amountDetails: { totalAmount: '102.21', currency: 'USD' } },
        },
      },
    ])
    expect(result).toMatchObject({
      status: 'REVERSED',
      id: '7000000000000000000004',
      transactionId: undefined,
      amount: '102.21',
      requestedAmount: '102.21',
      currency: 'USD',
    })
  })

  it('sends no clientReferenceInformation without a reference', async () => {
    const client = createFakePaymentsClient([created({ id: '4', status: 'REVERSED' })])
    await reverseAuthorization(client, base)
    expect(client.calls[0]?.body).toEqual({
      reversalInformation: { amountDetails: { totalAmount: '102.21', currency: 'USD' } },
    })
  })

  it('refuses an answer that is not REVERSED', async () => {
    const client = createFakePaymentsClient([created({ id: '4', status: 'DECLINED' })])
    const error = await reverseAuthorization(client, base).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ reason: 'unknown-status' })
    expect(FlexPaymentResponseError.isInstance(error)).toBe(true)
  })

  it('passes a timeout through unchanged (nothing to undo)', async () => {
    const timeout = new FlexTimeoutError({ method: 'POST', path: PATH, timeout: 1 })
    const client = createFakePaymentsClient([{ error: timeout }])
    const error = await reverseAuthorization(client, base).catch((caught: unknown) => caught)
    expect(error).toBe(timeout)
    expect(FlexPaymentOutcomeUnknownError.isInstance(error)).toBe(false)
  })

  it('refuses a bad id before any request', async () => {
    const client = createFakePaymentsClient()
    const error = await reverseAuthorization(client, { ...base, paymentId: 'x'.repeat(65) }).catch(
      (caught: unknown) => caught,
    )
    expect(client.calls).toEqual([])
    expect((error as FlexValidationError).issues[0]).toMatchObject({
      path: 'paymentId',
      reason: 'format',
    })
  })
})

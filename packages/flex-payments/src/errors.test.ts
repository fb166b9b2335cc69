import { FlexNetworkError, FlexUnexpectedResponseError } from 'flex-client'
import { FlexError } from 'flex-types'
import { describe, expect, it } from 'vitest'
import { FlexPaymentOutcomeUnknownError, FlexPaymentResponseError } from './errors.js'

describe('payment errors', () => {
  it('mark themselves so isInstance works across copies, and are FlexErrors', () => {
    const outcome = new FlexPaymentOutcomeUnknownError(
      {
        operation: 'authorizePayment',
        path: '/pts/v2/payments',
        transactionId: 't',
        recovery: 'reverseAfterTimeout',
      },
      new FlexNetworkError({ method: 'POST', path: '/pts/v2/payments' }),
    )
    const response = new FlexPaymentResponseError({
      operation: 'capturePayment',
      path: '/pts/v2/payments/1/captures',
      status: 201,
      reason: 'missing-id',
      correlationId: undefined,
    })
    expect(FlexError.isInstance(outcome)).toBe(true)
    expect(FlexPaymentOutcomeUnknownError.isInstance(outcome)).toBe(true)
    expect(FlexPaymentOutcomeUnknownError.isInstance(response)).toBe(false)
    expect(FlexPaymentResponseError.isInstance(response)).toBe(true)
    expect(FlexPaymentResponseError.isInstance({ code: 'ERR_FLEX_UNEXPECTED_RESPONSE' })).toBe(
      false,
    )
    expect(outcome.code).toBe('ERR_FLEX_PAYMENT_OUTCOME_UNKNOWN')
    expect((outcome.cause as { code: string }).code).toBe('ERR_FLEX_NETWORK')
    expect(response.message).toBe(
      'capturePayment: /pts/v2/payments/1/captures answered 201 with a body that cannot be read (missing-id)',
    )
  })

  it('has its own code, never the retryable one of its cause', () => {
    const outcome = new FlexPaymentOutcomeUnknownError(
      { operation: 'refundPayment', path: '/p', transactionId: 't', recovery: 'voidAfterTimeout' },
      new Error('aborted'),
    )
    expect(outcome.code).toBe('ERR_FLEX_PAYMENT_OUTCOME_UNKNOWN')
    expect(outcome.message).toBe(
      'refundPayment: POST /p got no usable answer, so it may have been carried out; do not send it again: call voidAfterTimeout(client, { transactionId: error.transactionId }) to undo it',
    )
  })

  it('is a flex-client FlexUnexpectedResponseError, so one class catches every unexpected answer', () => {
    const error = new FlexPaymentResponseError({
      operation: 'getTransaction',
      path: '/tss/v2/transactions/1',
      method: 'GET',
      status: 200,
      reason: 'not-an-object',
      correlationId: 'corr-1',
    })
    expect(FlexUnexpectedResponseError.isInstance(error)).toBe(true)
    expect(error).toBeInstanceOf(FlexUnexpectedResponseError)
    expect(error).toMatchObject({
      name: 'FlexPaymentResponseError',
      code: 'ERR_FLEX_UNEXPECTED_RESPONSE',
      status: 200,
      contentType: undefined,
      correlationId: 'corr-1',
      reason: 'not-an-object',
      operation: 'getTransaction',
    })
    expect(error.message).toBe(
      'getTransaction: /tss/v2/transactions/1 answered 200 with a body that cannot be read (not-an-object)',
    )
    expect(String(error.stack).split('\n')[0]).toBe(`FlexPaymentResponseError: ${error.message}`)
    const plain = new FlexUnexpectedResponseError({ status: 200, method: 'GET', path: '/x' })
    expect(FlexPaymentResponseError.isInstance(plain)).toBe(false)
  })
})

import { FlexNetworkError } from 'flex-client'
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
})

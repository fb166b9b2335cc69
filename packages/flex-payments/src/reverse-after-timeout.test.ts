import { FlexValidationError } from 'flex-types'
import { expectNoSensitiveData } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { reverseAfterTimeout } from './reverse-after-timeout.js'
import { created, createFakePaymentsClient } from './test/fake-payments-client.js'

describe('reverseAfterTimeout', () => {
  it('posts the transactionId and the amount to /pts/v2/reversals, as the official sample does', async () => {
    const client = createFakePaymentsClient([
      created({
        id: '7000000000000000000005',
        status: 'REVERSED',
        reversalAmountDetails: { reversedAmount: '102.21', currency: 'USD' },
      }),
    ])
    const result = await reverseAfterTimeout(client, {
      transactionId: 'order-7',
      amount: '102.21',
      currency: 'USD',
    })
    expect(client.calls).toEqual([
      {
        method: 'POST',
        path: '/pts/v2/reversals',
        operation: 'reverseAfterTimeout',
        body: {
          clientReferenceInformation: { transactionId: 'order-7' },
          reversalInformation: { amountDetails: { totalAmount: '102.21', currency: 'USD' } },
        },
      },
    ])
    expect(result).toMatchObject({ status: 'REVERSED', transactionId: 'order-7', amount: '102.21' })
  })

  it('sends the transactionId alone when no amount is given', async () => {
    const client = createFakePaymentsClient([created({ id: '5', status: 'REVERSED' })])
    await reverseAfterTimeout(client, { transactionId: 'order-7' })
    expect(client.calls[0]?.body).toEqual({
      clientReferenceInformation: { transactionId: 'order-7' },
    })
  })

  it.each([
    ['an unsafe transactionId', { transactionId: 'a;b' }, 'transactionId', 'format'],
    [
      'an amount with too many decimals',
      { transactionId: 'x', amount: '1.234', currency: 'USD' },
      'amount',
      'format',
    ],
  ])('refuses %s before any request', async (_title, options, path, reason) => {
    const client = createFakePaymentsClient()
    const error = await reverseAfterTimeout(client, options).catch((caught: unknown) => caught)
    expect(client.calls).toEqual([])
    expect(FlexValidationError.isInstance(error)).toBe(true)
    expect((error as FlexValidationError).issues[0]).toMatchObject({ path, reason })
    expectNoSensitiveData(error)
  })

  it('needs a currency with the amount (usage error)', async () => {
    const client = createFakePaymentsClient()
    const error = await reverseAfterTimeout(client, { transactionId: 'x', amount: '1.00' }).catch(
      (caught: unknown) => caught,
    )
    expect(error).toMatchObject({
      code: 'ERR_INVALID_ARG_VALUE',
      message:
        'reverseAfterTimeout: currency must be an ISO 4217 currency code string such as "USD"',
    })
  })
})

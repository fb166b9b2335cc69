import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { FlexPaymentResponseError } from './errors.js'
import { getTransaction } from './get-transaction.js'
import { createFakePaymentsClient } from './test/fake-payments-client.js'

const pan = SENTINEL_CARD_NUMBERS[0] ?? ''
const answer = {
  id: '6826225725096718703955',
  rootId: '6826225725096718703955',
  merchantId: 'test_merchant',
  submitTimeUTC: '2026-12-05T10:00:00Z',
  status: 'AUTHORIZED',
  applicationInformation: {
    reasonCode: '100',
    rCode: '1',
    applications: [{ name: 'ics_auth', reasonCode: '100', rCode: '1' }, { name: 42 }],
  },
  orderInformation: {
    amountDetails: { totalAmount: '102.21', authorizedAmount: '102.21', currency: 'USD' },
    billTo: { firstName: 'Ada' },
  },
  paymentInformation: { card: { prefix: '411111', suffix: '1111', number: pan } },
  clientReferenceInformation: { transactionId: 'tx-1' },
}

describe('getTransaction', () => {
  it('GETs /tss/v2/transactions/{id} and keeps the documented members it knows', async () => {
    const client = createFakePaymentsClient([{ status: 200, body: answer, correlationId: 'c' }])
    const details = await getTransaction(client, { id: answer.id })
    expect(client.calls).toEqual([
      { method: 'GET', path: `/tss/v2/transactions/${answer.id}`, operation: 'getTransaction' },
    ])
    expect(details).toEqual({
      id: answer.id,
      rootId: answer.id,
      status: 'AUTHORIZED',
      submitTimeUtc: '2026-12-05T10:00:00Z',
      reasonCode: '100',
      applications: [{ name: 'ics_auth', reasonCode: '100', rCode: '1' }],
      amount: '102.21',
      authorizedAmount: '102.21',
      currency: 'USD',
      card: { bin: '411111', lastFour: '1111' },
      transactionId: 'tx-1',
      correlationId: 'c',
    })
    expectNoSensitiveData(details)
  })

  it('refuses an answer without an id, or not an object', async () => {
    for (const [body, reason] of [
      [{ status: 'AUTHORIZED' }, 'missing-id'],
      ['text', 'not-an-object'],
    ] as const) {
      const client = createFakePaymentsClient([{ status: 200, body, correlationId: undefined }])
      const error = await getTransaction(client, { id: '11' }).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(FlexPaymentResponseError)
      expect((error as FlexPaymentResponseError).reason).toBe(reason)
    }
  })

  it('refuses an unsafe id before any request, without echoing it', async () => {
    const client = createFakePaymentsClient()
    const error = await getTransaction(client, { id: `../${pan}` }).catch(
      (caught: unknown) => caught,
    )
    expect((error as { code?: string }).code).toBe('ERR_FLEX_DATA_INVALID')
    expect(client.calls).toEqual([])
    expectNoSensitiveData(error)
  })

  it('refuses a missing options object as misuse', async () => {
    const client = createFakePaymentsClient()
    await expect(getTransaction(client, undefined as never)).rejects.toMatchObject({
      code: 'ERR_INVALID_ARG_VALUE',
    })
  })
})

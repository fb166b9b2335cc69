import { FlexAuthenticationError } from 'flex-client'
import { FlexValidationError } from 'flex-types'
import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { FlexPaymentResponseError } from './errors.js'
import { getPaymentDetails } from './get-payment-details.js'
import {
  createFakePaymentsClient,
  createTestToken,
  TEST_JTI,
  VALID_TOKEN,
} from './test/fake-payments-client.js'

const PATH = `/flex/v2/payment-details/${TEST_JTI}`
const pan = SENTINEL_CARD_NUMBERS[0] ?? ''
const answer = {
  paymentInformation: {
    card: {
      number: { maskedValue: 'XXXXXXXXXXXX1111', bin: '411111' },
      expirationMonth: { value: '06' },
      expirationYear: { value: '2028' },
      type: { value: '001' },
      securityCode: {},
    },
  },
  orderInformation: {
    amountDetails: { totalAmount: '21.00', currency: 'USD' },
    billTo: { firstName: 'Ada', country: 'GB', unknownMember: 'x' },
    shipTo: { locality: 'London' },
  },
}

describe('getPaymentDetails', () => {
  it('GETs /flex/v2/payment-details/{jti} with the jti read from the JWT', async () => {
    const client = createFakePaymentsClient([{ status: 200, body: answer, correlationId: 'c' }])
    const details = await getPaymentDetails(client, VALID_TOKEN)
    expect(client.calls).toEqual([{ method: 'GET', path: PATH, operation: 'getPaymentDetails' }])
    expect(details).toEqual({
      card: {
        maskedNumber: 'XXXXXXXXXXXX1111',
        bin: '411111',
        type: '001',
        expirationMonth: '06',
        expirationYear: '2028',
      },
      amount: { totalAmount: '21.00', currency: 'USD' },
      billTo: { firstName: 'Ada', country: 'GB' },
      shipTo: { locality: 'London' },
      correlationId: 'c',
    })
  })

  it('takes the jti itself', async () => {
    const client = createFakePaymentsClient([{ status: 200, body: {}, correlationId: undefined }])
    const details = await getPaymentDetails(client, TEST_JTI)
    expect(client.calls[0]?.path).toBe(PATH)
    expect(details).toEqual({
      card: undefined,
      amount: undefined,
      billTo: undefined,
      shipTo: undefined,
      correlationId: undefined,
    })
  })

  it('reads plain string members too', async () => {
    const client = createFakePaymentsClient([
      {
        status: 200,
        body: { paymentInformation: { card: { expirationMonth: '12', type: '002' } } },
        correlationId: undefined,
      },
    ])
    const details = await getPaymentDetails(client, TEST_JTI)
    expect(details.card).toMatchObject({
      expirationMonth: '12',
      type: '002',
      maskedNumber: undefined,
    })
  })

  it('never keeps a card number that is not masked', async () => {
    const client = createFakePaymentsClient([
      {
        status: 200,
        body: { paymentInformation: { card: { number: { maskedValue: pan, bin: pan } } } },
        correlationId: undefined,
      },
    ])
    const details = await getPaymentDetails(client, TEST_JTI)
    expect(details.card).toMatchObject({ maskedNumber: undefined, bin: undefined })
    expect(JSON.stringify(details)).not.toContain(pan)
  })

  it('refuses a body that is not an object', async () => {
    const client = createFakePaymentsClient([
      { status: 200, body: 'text', correlationId: undefined },
    ])
    const error = await getPaymentDetails(client, TEST_JTI).catch((caught: unknown) => caught)
    expect(FlexPaymentResponseError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ path: PATH, reason: 'not-an-object' })
  })

  it('passes a refusal through', async () => {
    const refused = new FlexAuthenticationError({ status: 401, method: 'GET', path: PATH })
    const client = createFakePaymentsClient([{ error: refused }])
    await expect(getPaymentDetails(client, TEST_JTI)).rejects.toBe(refused)
  })

  it.each([
    ['a jti with unsafe characters', 'a/b'],
    ['a JWT without a jti', createTestToken({ exp: 1 })],
  ])('refuses %s before any request', async (_title, token) => {
    const client = createFakePaymentsClient()
    const error = await getPaymentDetails(client, token).catch((caught: unknown) => caught)
    expect(client.calls).toEqual([])
    expect(FlexValidationError.isInstance(error)).toBe(true)
    expect((error as FlexValidationError).issues[0]).toMatchObject({
      path: 'transientToken',
      reason: 'format',
    })
    expectNoSensitiveData(error, [token])
  })
})

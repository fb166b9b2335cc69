// flex-payments through a real flex-client against the real emulator: the transient token comes
// from the real flow (session, verified capture context, encrypted card data, token).
import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE } from 'test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { authorizePayment } from './authorize-payment.js'
import { capturePayment } from './capture-payment.js'
import { FlexPaymentOutcomeUnknownError } from './errors.js'
import { getPaymentDetails } from './get-payment-details.js'
import { refundPayment } from './refund-payment.js'
import { reverseAfterTimeout } from './reverse-after-timeout.js'
import { reverseAuthorization } from './reverse-authorization.js'
import { SECURITY_CODE, usePaymentsEmulator } from './test/use-payments-emulator.js'
import { voidPayment } from './void-payment.js'

const VISA = SENTINEL_CARD_NUMBERS[0] ?? ''
const AMEX = SENTINEL_CARD_NUMBERS[3] ?? ''
const VISA_SECURITY_CODE = SECURITY_CODE

const { emulator, lines, tokens, client, issueToken } = usePaymentsEmulator()

afterEach(() => {
  emulator().faults.clear()
})

const visaToken = () => issueToken(VISA, VISA_SECURITY_CODE)
const amexToken = () => issueToken(AMEX, SENTINEL_SECURITY_CODE)

function expectClean(...values: unknown[]): void {
  for (const value of values) expectNoSensitiveData(value, [...tokens, VISA_SECURITY_CODE])
}

const authorizationsSent = () =>
  lines.filter((line) => line.startsWith('POST /pts/v2/payments ')).length

describe('flex-payments against the emulator', () => {
  it('authorizes, captures part of it and refunds the capture', async () => {
    const payments = client()
    const authorized = await authorizePayment(payments, {
      transientToken: await visaToken(),
      amount: '102.21',
      currency: 'USD',
    })
    expect(authorized).toMatchObject({ status: 'AUTHORIZED', amount: '102.21', currency: 'USD' })
    expect(authorized.processor).toMatchObject({
      approvalCode: expect.stringMatching(/^[A-Za-z0-9]{1,10}$/),
      responseCode: '00',
    })
    const paymentId = authorized.id ?? ''
    const captured = await capturePayment(payments, {
      paymentId,
      amount: '100.00',
      currency: 'USD',
      authorizedAmount: '102.21',
    })
    expect(captured).toMatchObject({ status: 'PENDING', amount: '100.00' })
    const refunded = await refundPayment(payments, {
      captureId: captured.id,
      amount: '40.00',
      currency: 'USD',
    })
    expect(refunded).toMatchObject({ status: 'PENDING', amount: '40.00' })
    expect(emulator().inspectPayment(paymentId)).toMatchObject({
      authorizationStatus: 'AUTHORIZED',
      capturedAmount: '100.00',
      refundedAmount: '40.00',
      transactionId: authorized.transactionId,
      card: { brand: 'visa' },
    })
    expectClean(authorized, captured, refunded, emulator().inspectPayment(paymentId))
  })

  it('takes a sale (capture: true) as captured at once, and voids it', async () => {
    const payments = client()
    const sale = await authorizePayment(payments, {
      transientToken: await amexToken(),
      amount: '55.10',
      currency: 'USD',
      capture: true,
    })
    expect(sale).toMatchObject({ status: 'AUTHORIZED', amount: '55.10' })
    const paymentId = sale.id ?? ''
    expect(emulator().inspectPayment(paymentId)).toMatchObject({
      capturedAmount: '55.10',
      card: { brand: 'amex' },
    })
    const voided = await voidPayment(payments, { paymentId })
    expect(voided).toMatchObject({ status: 'VOIDED' })
    expect(emulator().inspectPayment(paymentId)).toMatchObject({
      voided: true,
      capturedAmount: '0.00',
    })
    expectClean(sale, voided)
  })

  it('answers a decline as a result, not an exception', async () => {
    const declined = await authorizePayment(client(), {
      transientToken: await visaToken(),
      amount: '20.01',
      currency: 'USD',
    })
    expect(declined).toMatchObject({ status: 'DECLINED', reason: 'INSUFFICIENT_FUND' })
    expectClean(declined)
  })

  it('reverses a whole uncaptured authorization', async () => {
    const payments = client()
    const authorized = await authorizePayment(payments, {
      transientToken: await amexToken(),
      amount: '12.34',
      currency: 'USD',
    })
    const paymentId = authorized.id ?? ''
    const reversed = await reverseAuthorization(payments, {
      paymentId,
      amount: '12.34',
      currency: 'USD',
    })
    expect(reversed).toMatchObject({ status: 'REVERSED', amount: '12.34' })
    expect(emulator().inspectPayment(paymentId)).toMatchObject({ reversed: true })
    expectClean(authorized, reversed)
  })

  it('reverses an authorization whose answer was lost, sent once, by its transactionId', async () => {
    const transientToken = await visaToken()
    const before = authorizationsSent()
    emulator().faults.inject('payments', { dropAnswer: true, times: 1 })
    const error = await authorizePayment(client(2_000), {
      transientToken,
      amount: '33.00',
      currency: 'USD',
    }).catch((caught: unknown) => caught)
    expect(FlexPaymentOutcomeUnknownError.isInstance(error)).toBe(true)
    const unknown = error as FlexPaymentOutcomeUnknownError
    expect(unknown).toMatchObject({
      code: 'ERR_FLEX_PAYMENT_OUTCOME_UNKNOWN',
      recovery: 'reverseAfterTimeout',
      transactionId: expect.any(String),
    })
    expect(authorizationsSent() - before).toBe(1)
    expect(lines.at(-1)).toMatch(/^POST \/pts\/v2\/payments dropped after 201 \(injected\)/)

    const reversed = await reverseAfterTimeout(client(), {
      transactionId: unknown.transactionId,
      amount: '33.00',
      currency: 'USD',
    })
    expect(reversed).toMatchObject({ status: 'REVERSED', amount: '33.00' })
    expect(authorizationsSent() - before).toBe(1)
    expectClean(error, reversed)
  })

  it('reads back the masked card of a transient token', async () => {
    const transientToken = await visaToken()
    const details = await getPaymentDetails(client(), transientToken)
    expect(details.card).toMatchObject({
      maskedNumber: expect.stringMatching(/^[X\d]*1111$/),
      bin: VISA.slice(0, 6),
    })
    expect(details.card?.maskedNumber).not.toContain(VISA.slice(6, 12))
    expectClean(details)
  })
})

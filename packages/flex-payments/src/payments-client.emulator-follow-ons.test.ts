// Voids of captures and refunds, and partial reversals, through a real flex-client against the
// real emulator.
import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { authorizePayment } from './authorize-payment.js'
import { capturePayment } from './capture-payment.js'
import { getTransaction } from './get-transaction.js'
import { refundPayment } from './refund-payment.js'
import { reverseAuthorization } from './reverse-authorization.js'
import { SECURITY_CODE, usePaymentsEmulator } from './test/use-payments-emulator.js'
import { voidPayment } from './void-payment.js'

const VISA = SENTINEL_CARD_NUMBERS[0] ?? ''

const { emulator, tokens, client, issueToken } = usePaymentsEmulator()

async function authorized(amount: string): Promise<string> {
  const transientToken = await issueToken(VISA, SECURITY_CODE)
  const result = await authorizePayment(client(), { transientToken, amount, currency: 'USD' })
  expect(result.status).toBe('AUTHORIZED')
  return result.id ?? ''
}

describe('voids and partial reversals against the emulator', () => {
  it('voids a refund, then the capture it came from', async () => {
    const payments = client()
    const paymentId = await authorized('80.00')
    const captured = await capturePayment(payments, { paymentId, amount: '80.00', currency: 'USD' })
    const refunded = await refundPayment(payments, {
      captureId: captured.id,
      amount: '30.00',
      currency: 'USD',
    })
    const refundVoid = await voidPayment(payments, { refundId: refunded.id ?? '' })
    expect(refundVoid).toMatchObject({ status: 'VOIDED', amount: '30.00', currency: 'USD' })
    expect(emulator().inspectPayment(paymentId)?.refundedAmount).toBe('0.00')
    const captureVoid = await voidPayment(payments, { captureId: captured.id })
    expect(captureVoid).toMatchObject({ status: 'VOIDED', amount: '80.00' })
    expect(emulator().inspectPayment(paymentId)?.capturedAmount).toBe('0.00')
    expectNoSensitiveData([refundVoid, captureVoid], tokens)
  })

  it('reads an authorization and its capture back', async () => {
    const payments = client()
    const paymentId = await authorized('9.99')
    const captured = await capturePayment(payments, { paymentId, amount: '9.99', currency: 'USD' })
    const authorization = await getTransaction(payments, { id: paymentId })
    expect(authorization).toMatchObject({
      id: paymentId,
      status: 'AUTHORIZED',
      authorizedAmount: '9.99',
      applications: [{ name: 'ics_auth', reasonCode: '100', rCode: '1' }],
      card: { bin: VISA.slice(0, 6), lastFour: VISA.slice(-4) },
    })
    const capture = await getTransaction(payments, { id: captured.id })
    expect(capture).toMatchObject({ rootId: paymentId, status: 'PENDING', amount: '9.99' })
    expectNoSensitiveData([authorization, capture], tokens)
  })

  it('reverses an authorization in two parts', async () => {
    const payments = client()
    const paymentId = await authorized('60.00')
    const first = await reverseAuthorization(payments, {
      paymentId,
      amount: '25.00',
      currency: 'USD',
    })
    expect(first).toMatchObject({ status: 'REVERSED', amount: '25.00', requestedAmount: '60.00' })
    expect(emulator().inspectPayment(paymentId)).toMatchObject({ reversed: false })
    await reverseAuthorization(payments, { paymentId, amount: '35.00', currency: 'USD' })
    expect(emulator().inspectPayment(paymentId)).toMatchObject({
      reversed: true,
      reversedAmount: '60.00',
    })
  })
})

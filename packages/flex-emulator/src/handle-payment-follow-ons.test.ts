import { expectNoSensitiveData } from 'test-utils'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type FlexEmulator, startFlexEmulator } from './start-flex-emulator.js'
import { amountBody, authorize, reversalBody, send } from './testing/payment-flow.js'

let emulator: FlexEmulator
beforeAll(async () => {
  emulator = await startFlexEmulator({ keyPool: { reuseKeys: true } })
})
afterEach(() => emulator.clock.reset())
afterAll(() => emulator.close())

async function paymentId(
  amount = '100.00',
  extra: { capture?: boolean; transactionId?: string } = {},
): Promise<string> {
  const answer = await authorize(emulator, amount, extra)
  expect(answer.status).toBe(201)
  return answer.body.id
}

const capture = (id: string, amount: string, currency?: string) =>
  send(emulator, `/pts/v2/payments/${id}/captures`, amountBody(amount, currency))
const refund = (id: string, amount: string) =>
  send(emulator, `/pts/v2/payments/${id}/refunds`, amountBody(amount))
const refundCapture = (id: string, amount: string) =>
  send(emulator, `/pts/v2/captures/${id}/refunds`, amountBody(amount))
const reverse = (id: string, amount: string) =>
  send(emulator, `/pts/v2/payments/${id}/reversals`, reversalBody(amount))
const voidPayment = (id: string) =>
  send(emulator, `/pts/v2/payments/${id}/voids`, {
    clientReferenceInformation: { code: 'TC50171_3' },
  })

function expectRefused(
  answer: { status: number; body: { status: string; reason: string } },
  reason: string,
): void {
  expect(answer.status).toBe(400)
  expect(answer.body).toMatchObject({ status: 'INVALID_REQUEST', reason })
}

describe('captures', () => {
  it('captures in parts up to the authorized amount, in the shape of PtsV2PaymentsCapturesPost201Response', async () => {
    const id = await paymentId('100.00')
    const first = await capture(id, '60.00')
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({
      _links: {
        self: { href: `/pts/v2/captures/${first.body.id}`, method: 'GET' },
        void: { href: `/pts/v2/captures/${first.body.id}/voids`, method: 'POST' },
      },
      status: 'PENDING',
      clientReferenceInformation: { code: 'TC50171_3' },
      orderInformation: { amountDetails: { totalAmount: '60.00', currency: 'USD' } },
    })
    expect(first.body.id).not.toBe(id)
    expect((await capture(id, '40')).status).toBe(201)
    expectRefused(await capture(id, '0.01'), 'EXCEEDS_AUTH_AMOUNT')
    expect(emulator.inspectPayment(id)?.capturedAmount).toBe('100.00')
  })

  it('refuses zero, another currency and more decimals than the currency has', async () => {
    const id = await paymentId()
    expectRefused(await capture(id, '0.00'), 'INVALID_AMOUNT')
    const euro = await capture(id, '1.00', 'EUR')
    expect(euro.body.details).toEqual([
      { field: 'orderInformation.amountDetails.currency', reason: 'INVALID_DATA' },
    ])
    expect((await capture(id, '1.001')).body.details[0].field).toBe(
      'orderInformation.amountDetails.totalAmount',
    )
    expect(emulator.inspectPayment(id)?.history).toHaveLength(1)
  })
})

describe('reversals', () => {
  it('reverses a whole uncaptured authorization once, then refuses everything', async () => {
    const id = await paymentId('100.00')
    expectRefused(await reverse(id, '100.01'), 'INVALID_AMOUNT')
    const reversed = await reverse(id, '100.00')
    expect(reversed.status).toBe(201)
    expect(reversed.body).toMatchObject({
      status: 'REVERSED',
      reversalAmountDetails: {
        reversedAmount: '100.00',
        originalTransactionAmount: '100.00',
        currency: 'USD',
      },
      _links: { self: { href: `/pts/v2/reversals/${reversed.body.id}`, method: 'GET' } },
    })
    expectRefused(await reverse(id, '100.00'), 'AUTH_ALREADY_REVERSED')
    expectRefused(await capture(id, '1.00'), 'AUTH_ALREADY_REVERSED')
    expect(emulator.inspectPayment(id)?.history.map((event) => event.status)).toEqual([
      'AUTHORIZED',
      'REVERSED',
    ])
  })

  it('refuses to reverse a captured authorization, and allows it once the capture is voided', async () => {
    const id = await paymentId('100.00')
    expect((await capture(id, '10.00')).status).toBe(201)
    expectRefused(await reverse(id, '100.00'), 'TRANSACTION_ALREADY_REVERSED_OR_SETTLED')
    expect((await voidPayment(id)).status).toBe(201)
    expect((await reverse(id, '100.00')).status).toBe(201)
  })
})

describe('refunds', () => {
  it('refunds at most what was captured in total, by payment or by capture', async () => {
    const id = await paymentId('100.00')
    expectRefused(await refund(id, '1.00'), 'INVALID_AMOUNT')
    const first = await capture(id, '30.00')
    const second = await capture(id, '20.00')
    const refunded = await refundCapture(first.body.id, '25.00')
    expect(refunded.status).toBe(201)
    expect(refunded.body).toMatchObject({
      status: 'PENDING',
      refundAmountDetails: { refundAmount: '25.00', currency: 'USD' },
      _links: { self: { href: `/pts/v2/refunds/${refunded.body.id}`, method: 'GET' } },
    })
    expectRefused(await refundCapture(first.body.id, '5.01'), 'INVALID_AMOUNT')
    expect((await refundCapture(second.body.id, '20.00')).status).toBe(201)
    expectRefused(await refund(id, '5.01'), 'INVALID_AMOUNT')
    expect((await refund(id, '5.00')).status).toBe(201)
    expectRefused(await refund(id, '0.01'), 'INVALID_AMOUNT')
    expect(emulator.inspectPayment(id)).toMatchObject({
      capturedAmount: '50.00',
      refundedAmount: '50.00',
    })
  })

  it('refuses a refund of a voided capture and a capture id that is a refund', async () => {
    const id = await paymentId('10.00', { capture: true })
    expect((await voidPayment(id)).status).toBe(201)
    expectRefused(await refundCapture(id, '1.00'), 'CAPTURE_ALREADY_VOIDED')
    const other = await paymentId('10.00', { capture: true })
    const refunded = await refund(other, '1.00')
    expectRefused(await refundCapture(refunded.body.id, '1.00'), 'INVALID_DATA')
  })
})

describe('voids and settlement', () => {
  it('voids a sale before settlement, in the shape of PtsV2PaymentsVoidsPost201Response', async () => {
    const id = await paymentId('42.00', { capture: true })
    expect(emulator.inspectPayment(id)?.capturedAmount).toBe('42.00')
    expectRefused(await capture(id, '0.01'), 'EXCEEDS_AUTH_AMOUNT')
    const voided = await voidPayment(id)
    expect(voided.status).toBe(201)
    expect(voided.body).toMatchObject({
      status: 'VOIDED',
      voidAmountDetails: {
        voidAmount: '42.00',
        originalTransactionAmount: '42.00',
        currency: 'USD',
      },
      _links: { self: { href: `/pts/v2/voids/${voided.body.id}`, method: 'GET' } },
    })
    expectRefused(await voidPayment(id), 'NOT_VOIDABLE')
    expectRefused(await capture(id, '1.00'), 'TRANSACTION_ALREADY_REVERSED_OR_SETTLED')
  })

  it('refuses a void once the daily batch has settled the capture (moved by the clock)', async () => {
    const id = await paymentId('42.00', { capture: true })
    emulator.clock.advance(24 * 3_600_000)
    expectRefused(await voidPayment(id), 'NOT_VOIDABLE')
    expect((await refund(id, '42.00')).status).toBe(201)
  })

  it('refuses to void an authorization without capture, and a refunded capture', async () => {
    expectRefused(await voidPayment(await paymentId()), 'NOT_VOIDABLE')
    const id = await paymentId('10.00', { capture: true })
    expect((await refund(id, '1.00')).status).toBe(201)
    expectRefused(await voidPayment(id), 'NOT_VOIDABLE')
  })
})

describe('declined payments', () => {
  it('refuses every follow-on of a declined authorization', async () => {
    const answer = await authorize(emulator, '20.01')
    expect(answer.body.status).toBe('DECLINED')
    const { id } = answer.body
    expectRefused(await capture(id, '1.00'), 'MISSING_AUTH')
    expectRefused(await reverse(id, '20.01'), 'MISSING_AUTH')
    expectRefused(await refund(id, '1.00'), 'INVALID_DATA')
    expectRefused(await voidPayment(id), 'NOT_VOIDABLE')
  })
})

describe('timeout reversal and timeout void (by clientReferenceInformation.transactionId)', () => {
  it('reverses an authorization whose answer was lost', async () => {
    const id = await paymentId('12.34', { transactionId: 'timeout-reversal-1' })
    const body = {
      ...reversalBody('12.34'),
      clientReferenceInformation: { transactionId: 'timeout-reversal-1' },
    }
    const answer = await send(emulator, '/pts/v2/reversals', body)
    expect(answer.status).toBe(201)
    expect(answer.body.status).toBe('REVERSED')
    expect(emulator.inspectPayment(id)?.reversed).toBe(true)
    const unknown = await send(emulator, '/pts/v2/reversals', {
      ...reversalBody('12.34'),
      clientReferenceInformation: { transactionId: 'never-sent' },
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body.details).toEqual([
      { field: 'clientReferenceInformation.transactionId', reason: 'INVALID_DATA' },
    ])
    const missing = await send(emulator, '/pts/v2/reversals', reversalBody('12.34'))
    expect(missing.body.reason).toBe('MISSING_FIELD')
  })

  it('voids a sale, a capture or a refund whose answer was lost', async () => {
    await paymentId('7.00', { capture: true, transactionId: 'timeout-void-sale' })
    const sale = await send(emulator, '/pts/v2/voids', {
      clientReferenceInformation: { transactionId: 'timeout-void-sale' },
    })
    expect(sale.body).toMatchObject({ status: 'VOIDED', voidAmountDetails: { voidAmount: '7.00' } })
    const id = await paymentId('9.00')
    const captured = await send(emulator, `/pts/v2/payments/${id}/captures`, {
      ...amountBody('4.00'),
      clientReferenceInformation: { transactionId: 'timeout-void-capture' },
    })
    expect(captured.status).toBe(201)
    const voided = await send(emulator, '/pts/v2/voids', {
      clientReferenceInformation: { transactionId: 'timeout-void-capture' },
    })
    expect(voided.body.voidAmountDetails.voidAmount).toBe('4.00')
    expect(emulator.inspectPayment(id)?.capturedAmount).toBe('0.00')
    await capture(id, '5.00')
    await send(emulator, `/pts/v2/payments/${id}/refunds`, {
      ...amountBody('2.00'),
      clientReferenceInformation: { transactionId: 'timeout-void-refund' },
    })
    const refundVoid = await send(emulator, '/pts/v2/voids', {
      clientReferenceInformation: { transactionId: 'timeout-void-refund' },
    })
    expect(refundVoid.status).toBe(201)
    expect(emulator.inspectPayment(id)).toMatchObject({
      capturedAmount: '5.00',
      refundedAmount: '0.00',
    })
    expect((await refund(id, '5.00')).status).toBe(201)
    expectNoSensitiveData(emulator.inspectPayment(id))
  })

  it('refuses a follow-on that reuses a transactionId', async () => {
    const id = await paymentId('9.00', { transactionId: 'reused-on-capture' })
    const again = await send(emulator, `/pts/v2/payments/${id}/captures`, {
      ...amountBody('1.00'),
      clientReferenceInformation: { transactionId: 'reused-on-capture' },
    })
    expectRefused(again, 'DUPLICATE_REQUEST')
  })
})

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { generateMerchant } from './merchant-credentials.js'
import { type FlexEmulator, startFlexEmulator } from './start-flex-emulator.js'
import { amountBody, authorize, send } from './testing/payment-flow.js'

const other = generateMerchant()
let emulator: FlexEmulator
beforeAll(async () => {
  emulator = await startFlexEmulator({
    keyPool: { reuseKeys: true },
    merchants: [generateMerchant(), other],
  })
})
afterEach(() => emulator.clock.reset())
afterAll(() => emulator.close())

const REFERENCE = { clientReferenceInformation: { code: 'TC50171_3' } }

async function authorizedId(amount: string): Promise<string> {
  const answer = await authorize(emulator, amount)
  expect(answer.status).toBe(201)
  return answer.body.id
}

async function created(path: string, amount: string): Promise<string> {
  const answer = await send(emulator, path, amountBody(amount))
  expect(answer.status).toBe(201)
  return answer.body.id
}

const voidOf = (kind: 'captures' | 'refunds', id: string) =>
  send(emulator, `/pts/v2/${kind}/${id}/voids`, REFERENCE)

function expectRefused(answer: { status: number; body: { reason: string } }, reason: string) {
  expect(answer.status).toBe(400)
  expect(answer.body.reason).toBe(reason)
}

describe('POST /pts/v2/captures/{id}/voids', () => {
  it('voids one capture before settlement: its amount can be captured again', async () => {
    const id = await authorizedId('100.00')
    const first = await created(`/pts/v2/payments/${id}/captures`, '60.00')
    await created(`/pts/v2/payments/${id}/captures`, '40.00')
    const voided = await voidOf('captures', first)
    expect(voided.status).toBe(201)
    expect(voided.body).toMatchObject({
      status: 'VOIDED',
      clientReferenceInformation: { code: 'TC50171_3' },
      voidAmountDetails: { voidAmount: '60.00', currency: 'USD' },
    })
    expect(emulator.inspectPayment(id)).toMatchObject({ capturedAmount: '40.00', voided: false })
    expectRefused(await voidOf('captures', first), 'NOT_VOIDABLE')
    expect(
      (await send(emulator, `/pts/v2/payments/${id}/captures`, amountBody('60.00'))).status,
    ).toBe(201)
  })

  it('refuses a settled capture, a refunded one and a refund id', async () => {
    const id = await authorizedId('100.00')
    const settled = await created(`/pts/v2/payments/${id}/captures`, '10.00')
    emulator.clock.advance(24 * 3_600_000)
    expectRefused(await voidOf('captures', settled), 'NOT_VOIDABLE')
    const refunded = await created(`/pts/v2/payments/${id}/captures`, '10.00')
    const refundId = await created(`/pts/v2/captures/${refunded}/refunds`, '1.00')
    expectRefused(await voidOf('captures', refunded), 'NOT_VOIDABLE')
    expectRefused(await voidOf('captures', refundId), 'INVALID_DATA')
  })

  it("voids a sale's capture by the sale's id", async () => {
    const sale = await authorize(emulator, '15.00', { capture: true })
    expect((await voidOf('captures', sale.body.id)).status).toBe(201)
    expect(emulator.inspectPayment(sale.body.id)?.capturedAmount).toBe('0.00')
  })

  it("refuses another merchant's capture as unknown", async () => {
    const capture = await created(`/pts/v2/payments/${await authorizedId('5.00')}/captures`, '5.00')
    const answer = await send(emulator, `/pts/v2/captures/${capture}/voids`, REFERENCE, {
      merchant: other,
    })
    expectRefused(answer, 'INVALID_DATA')
  })
})

describe('POST /pts/v2/refunds/{id}/voids', () => {
  it('voids a refund before settlement: the money can be refunded again', async () => {
    const id = await authorizedId('50.00')
    const capture = await created(`/pts/v2/payments/${id}/captures`, '50.00')
    const refundId = await created(`/pts/v2/captures/${capture}/refunds`, '50.00')
    expectRefused(
      await send(emulator, `/pts/v2/captures/${capture}/refunds`, amountBody('0.01')),
      'INVALID_AMOUNT',
    )
    const voided = await voidOf('refunds', refundId)
    expect(voided.status).toBe(201)
    expect(voided.body.voidAmountDetails.voidAmount).toBe('50.00')
    expect(emulator.inspectPayment(id)?.refundedAmount).toBe('0.00')
    expectRefused(await voidOf('refunds', refundId), 'NOT_VOIDABLE')
    expect(
      (await send(emulator, `/pts/v2/captures/${capture}/refunds`, amountBody('50.00'))).status,
    ).toBe(201)
  })

  it('refuses a settled refund and a capture id', async () => {
    const id = await authorizedId('20.00')
    const capture = await created(`/pts/v2/payments/${id}/captures`, '20.00')
    const refundId = await created(`/pts/v2/payments/${id}/refunds`, '5.00')
    expectRefused(await voidOf('refunds', capture), 'INVALID_DATA')
    emulator.clock.advance(24 * 3_600_000)
    expectRefused(await voidOf('refunds', refundId), 'NOT_VOIDABLE')
  })
})

describe('credits', () => {
  it('has no /pts/v2/credits routes: the emulator keeps no credits', async () => {
    const answer = await send(emulator, '/pts/v2/credits/1234567890/voids', REFERENCE)
    expect(answer.status).toBe(404)
  })
})

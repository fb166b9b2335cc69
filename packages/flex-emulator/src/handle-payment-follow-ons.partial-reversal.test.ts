import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FlexEmulator, startFlexEmulator } from './start-flex-emulator.js'
import { amountBody, authorize, reversalBody, send } from './testing/payment-flow.js'

let emulator: FlexEmulator
beforeAll(async () => {
  emulator = await startFlexEmulator({ keyPool: { reuseKeys: true } })
})
afterAll(() => emulator.close())

async function authorizedId(amount: string): Promise<string> {
  const answer = await authorize(emulator, amount)
  expect(answer.status).toBe(201)
  return answer.body.id
}

const reverse = (id: string, amount: string) =>
  send(emulator, `/pts/v2/payments/${id}/reversals`, reversalBody(amount))
const capture = (id: string, amount: string) =>
  send(emulator, `/pts/v2/payments/${id}/captures`, amountBody(amount))

describe('partial authorization reversals', () => {
  it('reverses in parts; the last part reverses the authorization', async () => {
    const id = await authorizedId('100.00')
    const first = await reverse(id, '30.00')
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({
      status: 'REVERSED',
      reversalAmountDetails: {
        reversedAmount: '30.00',
        originalTransactionAmount: '100.00',
        currency: 'USD',
      },
    })
    expect(emulator.inspectPayment(id)).toMatchObject({ reversed: false, reversedAmount: '30.00' })
    const over = await reverse(id, '70.01')
    expect(over.status).toBe(400)
    expect(over.body.reason).toBe('INVALID_AMOUNT')
    expect((await reverse(id, '70.00')).status).toBe(201)
    expect(emulator.inspectPayment(id)).toMatchObject({ reversed: true, reversedAmount: '100.00' })
    expect((await reverse(id, '0.01')).body.reason).toBe('AUTH_ALREADY_REVERSED')
  })

  it('captures at most what the partial reversals left', async () => {
    const id = await authorizedId('50.00')
    expect((await reverse(id, '20.00')).status).toBe(201)
    const over = await capture(id, '30.01')
    expect(over.status).toBe(400)
    expect(over.body.reason).toBe('EXCEEDS_AUTH_AMOUNT')
    expect((await capture(id, '30.00')).status).toBe(201)
    expect((await reverse(id, '0.01')).body.reason).toBe('TRANSACTION_ALREADY_REVERSED_OR_SETTLED')
  })

  it('refuses a zero reversal', async () => {
    const id = await authorizedId('5.00')
    expect((await reverse(id, '0.00')).body.reason).toBe('INVALID_AMOUNT')
    expect(emulator.inspectPayment(id)?.reversedAmount).toBe('0.00')
  })
})

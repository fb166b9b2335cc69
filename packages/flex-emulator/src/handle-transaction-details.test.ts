import { expectNoSensitiveData } from 'test-utils'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { generateMerchant } from './merchant-credentials.js'
import { amountBody, authorize, reversalBody, send, VISA } from './testing/payment-flow.js'
import { useEmulator } from './testing/use-emulator.js'

const other = generateMerchant()
const running = useEmulator({ merchants: [generateMerchant(), other] })
const { lines } = running
afterEach(() => running.emulator.clock.reset())
afterAll(() => expectNoSensitiveData(lines.join('\n')))

const read = (id: string, merchant = running.emulator.merchant) =>
  send(running.emulator, `/tss/v2/transactions/${id}`, undefined, { method: 'GET', merchant })

describe('GET /tss/v2/transactions/{id}', () => {
  it('reads an authorization back in the shape of TssV2TransactionsGet200Response', async () => {
    const authorization = await authorize(running.emulator, '12.30', {
      transactionId: 'tss-read-1',
    })
    const { id } = authorization.body
    const answer = await read(id)
    expect(answer.status).toBe(200)
    expect(answer.contentType).toBe('application/hal+json;charset=utf-8')
    expect(answer.body).toEqual({
      id,
      rootId: id,
      merchantId: running.emulator.merchant.merchantId,
      submitTimeUTC: authorization.body.submitTimeUtc,
      status: 'AUTHORIZED',
      applicationInformation: {
        reasonCode: '100',
        rCode: '1',
        applications: [{ name: 'ics_auth', reasonCode: '100', rCode: '1' }],
      },
      orderInformation: {
        amountDetails: { totalAmount: '12.30', authorizedAmount: '12.30', currency: 'USD' },
      },
      clientReferenceInformation: { transactionId: 'tss-read-1' },
      paymentInformation: { card: { prefix: VISA.slice(0, 6), suffix: VISA.slice(-4) } },
      _links: { self: { href: `/tss/v2/transactions/${id}`, method: 'GET' } },
    })
    expectNoSensitiveData(answer.text)
    expect(lines.at(-1)).toMatch(/^GET \/tss\/v2\/transactions\/\{id\} 200\b/)
  })

  it('reads a decline with its reason code', async () => {
    const declined = await authorize(running.emulator, '20.01')
    const answer = await read(declined.body.id)
    expect(answer.body).toMatchObject({
      status: 'DECLINED',
      applicationInformation: { reasonCode: '204', rCode: '0' },
      orderInformation: { amountDetails: { totalAmount: '20.01', currency: 'USD' } },
    })
    expect(answer.body.orderInformation.amountDetails.authorizedAmount).toBeUndefined()
  })

  it('reads a capture as PENDING, TRANSMITTED once settled, VOIDED once voided', async () => {
    const { id } = (await authorize(running.emulator, '40.00')).body
    const capture = await send(
      running.emulator,
      `/pts/v2/payments/${id}/captures`,
      amountBody('40.00'),
    )
    const pending = await read(capture.body.id)
    expect(pending.body).toMatchObject({
      id: capture.body.id,
      rootId: id,
      status: 'PENDING',
      applicationInformation: { applications: [{ name: 'ics_bill' }] },
      orderInformation: { amountDetails: { totalAmount: '40.00', currency: 'USD' } },
    })
    const other = (await authorize(running.emulator, '5.00')).body.id
    const voidable = await send(
      running.emulator,
      `/pts/v2/payments/${other}/captures`,
      amountBody('5.00'),
    )
    await send(running.emulator, `/pts/v2/captures/${voidable.body.id}/voids`, {})
    expect((await read(voidable.body.id)).body.status).toBe('VOIDED')
    running.emulator.clock.advance(24 * 3_600_000)
    expect((await read(capture.body.id)).body.status).toBe('TRANSMITTED')
  })

  it('reads the reversals and voids it answered, by their ids', async () => {
    const { id } = (await authorize(running.emulator, '30.00')).body
    const reversal = await send(
      running.emulator,
      `/pts/v2/payments/${id}/reversals`,
      reversalBody('10.00'),
    )
    const capture = await send(
      running.emulator,
      `/pts/v2/payments/${id}/captures`,
      amountBody('20.00'),
    )
    const captureVoid = await send(
      running.emulator,
      `/pts/v2/captures/${capture.body.id}/voids`,
      {},
    )
    const sale = (await authorize(running.emulator, '7.00')).body.id
    await send(running.emulator, `/pts/v2/payments/${sale}/captures`, amountBody('7.00'))
    const saleVoid = await send(running.emulator, `/pts/v2/payments/${sale}/voids`, {})
    const cases = [
      [reversal, id, 'REVERSED', 'ics_auth_reversal', '10.00'],
      [captureVoid, id, 'VOIDED', 'ics_void', '20.00'],
      [saleVoid, sale, 'VOIDED', 'ics_void', '7.00'],
    ] as const
    for (const [answer, rootId, status, name, totalAmount] of cases) {
      expect(answer.status).toBe(201)
      const details = await read(answer.body.id)
      expect(details.status).toBe(200)
      expect(details.body).toEqual({
        id: answer.body.id,
        rootId,
        merchantId: running.emulator.merchant.merchantId,
        submitTimeUTC: answer.body.submitTimeUtc,
        status,
        applicationInformation: {
          reasonCode: '100',
          rCode: '1',
          applications: [{ name, reasonCode: '100', rCode: '1' }],
        },
        orderInformation: { amountDetails: { totalAmount, currency: 'USD' } },
        paymentInformation: { card: { prefix: VISA.slice(0, 6), suffix: VISA.slice(-4) } },
        _links: { self: { href: `/tss/v2/transactions/${answer.body.id}`, method: 'GET' } },
      })
      expect((await read(answer.body.id, other)).status).toBe(404)
      expect(running.emulator.inspectPayment(answer.body.id)?.id).toBe(rootId)
    }
  })

  it("answers 404 for an unknown id, another merchant's and a malformed one", async () => {
    const { id } = (await authorize(running.emulator, '3.00')).body
    for (const answer of [await read('1234'), await read(id, other), await read('abc')]) {
      expect(answer.status).toBe(404)
      expect(answer.body).toMatchObject({ status: 'INVALID_REQUEST', reason: 'NOT_FOUND' })
    }
  })

  it('refuses POST with 405', async () => {
    const answer = await send(running.emulator, '/tss/v2/transactions/1234', {})
    expect(answer.status).toBe(405)
  })
})

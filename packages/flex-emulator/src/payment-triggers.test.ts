import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS } from 'test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decideAuthorization, PAYMENT_TRIGGERS } from './payment-triggers.js'
import { type FlexEmulator, startFlexEmulator } from './start-flex-emulator.js'
import {
  authorizationRequest,
  authorize,
  issueTransientToken,
  send,
} from './testing/payment-flow.js'

const AMEX = SENTINEL_CARD_NUMBERS.find((number) => /^3[47]/.test(number)) as string
let emulator: FlexEmulator
beforeAll(async () => {
  emulator = await startFlexEmulator({ keyPool: { reuseKeys: true } })
})
afterAll(() => emulator.close())

// The README's table, written out again: a change to either must be made on purpose.
const TABLE = [
  ['20.01', 'DECLINED', 'INSUFFICIENT_FUND', '51'],
  ['20.02', 'DECLINED', 'EXPIRED_CARD', '54'],
  ['20.03', 'DECLINED', 'CVN_NOT_MATCH', '00'],
  ['20.04', 'DECLINED', 'STOLEN_LOST_CARD', '43'],
  ['20.05', 'DECLINED', 'PROCESSOR_DECLINED', '05'],
  ['20.06', 'DECLINED', 'AVS_FAILED', '00'],
  ['20.07', 'AUTHORIZED_PENDING_REVIEW', 'DECISION_PROFILE_REVIEW', '00'],
  ['20.08', 'PARTIAL_AUTHORIZED', undefined, '10'],
] as const

describe('test triggers', () => {
  it('has one row per trigger', () => {
    expect(PAYMENT_TRIGGERS.size).toBe(TABLE.length)
  })

  it.each(TABLE)('amount %s answers %s %s', async (amount, status, reason, responseCode) => {
    const answer = await authorize(emulator, amount)
    expect(answer.status).toBe(201)
    expect(answer.body.status).toBe(status)
    expect(answer.body.errorInformation?.reason).toBe(reason)
    expect(answer.body.processorInformation.responseCode).toBe(responseCode)
    const declined = status === 'DECLINED'
    expect(answer.body.processorInformation.approvalCode === undefined).toBe(declined)
    expect(answer.body._links.capture === undefined).toBe(declined)
    expectNoSensitiveData(answer.text)
  })

  it('answers the AVS and CVN results of the AVS and CVN triggers', async () => {
    const avs = await authorize(emulator, '20.06')
    expect(avs.body.processorInformation.avs.code).toBe('N')
    const cvn = await authorize(emulator, '20.03')
    expect(cvn.body.processorInformation.cardVerification.resultCode).toBe('N')
  })

  it('reads triggers in minor units whatever the currency', async () => {
    const yen = await authorize(emulator, '2001', { currency: 'JPY' })
    expect(yen.body.errorInformation.reason).toBe('INSUFFICIENT_FUND')
    const dinar = await authorize(emulator, '2.001', { currency: 'BHD' })
    expect(dinar.body.errorInformation.reason).toBe('INSUFFICIENT_FUND')
    const twenty = await authorize(emulator, '20.01', { currency: 'JPY' })
    expect(twenty.status).toBe(400)
  })

  it('authorizes half of a partial approval and captures no more than that', async () => {
    const answer = await authorize(emulator, '20.08')
    expect(answer.body.orderInformation.amountDetails).toEqual({
      totalAmount: '20.08',
      authorizedAmount: '10.04',
      currency: 'USD',
    })
    const path = `/pts/v2/payments/${answer.body.id}/captures`
    const over = await send(emulator, path, {
      orderInformation: { amountDetails: { totalAmount: '10.05', currency: 'USD' } },
    })
    expect(over.body.reason).toBe('EXCEEDS_AUTH_AMOUNT')
    const sale = await send(
      emulator,
      '/pts/v2/payments',
      authorizationRequest(await issueTransientToken(emulator), '20.08', { capture: true }),
    )
    expect(emulator.inspectPayment(sale.body.id)?.capturedAmount).toBe('10.04')
  })

  it('does not capture a sale held for review', async () => {
    const token = await issueTransientToken(emulator)
    const sale = await send(
      emulator,
      '/pts/v2/payments',
      authorizationRequest(token, '20.07', { capture: true }),
    )
    expect(sale.body.status).toBe('AUTHORIZED_PENDING_REVIEW')
    expect(emulator.inspectPayment(sale.body.id)?.capturedAmount).toBe('0.00')
  })

  it.each([
    ['002', 'DECLINED', 'N'],
    ['003', 'AUTHORIZED', 'P'],
    ['004', 'AUTHORIZED', 'S'],
    ['005', 'AUTHORIZED', 'U'],
    ['001', 'AUTHORIZED', 'M'],
  ] as const)('tokenized security code %s answers %s with CVN %s', async (code, status, cvn) => {
    const token = await issueTransientToken(emulator, { securityCode: code })
    const answer = await send(emulator, '/pts/v2/payments', authorizationRequest(token, '10.00'))
    expect(answer.status).toBe(201)
    expect(answer.body.status).toBe(status)
    expect(answer.body.processorInformation.cardVerification).toEqual({
      resultCode: cvn,
      resultCodeRaw: cvn,
    })
    expect(answer.body.errorInformation?.reason).toBe(
      status === 'DECLINED' ? 'CVN_NOT_MATCH' : undefined,
    )
    expect(emulator.inspectPayment(answer.body.id)?.authorizationStatus).toBe(status)
  })

  it('reads a four-digit test code with a leading zero as the three-digit one', async () => {
    const token = await issueTransientToken(emulator, { number: AMEX, securityCode: '0002' })
    const answer = await send(emulator, '/pts/v2/payments', authorizationRequest(token, '10.00'))
    expect(answer.body.errorInformation.reason).toBe('CVN_NOT_MATCH')
  })

  it('lets an amount trigger win over a security-code trigger', async () => {
    const token = await issueTransientToken(emulator, { securityCode: '002' })
    const answer = await send(emulator, '/pts/v2/payments', authorizationRequest(token, '20.01'))
    expect(answer.body.errorInformation.reason).toBe('INSUFFICIENT_FUND')
    expect(answer.body.processorInformation.cardVerification.resultCode).toBe('N')
  })

  it('gives CVN M only when the token carried a security code, AVS U without a postal code', () => {
    expect(
      decideAuthorization({ minor: 100n, cvnResult: 'M', hasBillingPostalCode: false }),
    ).toEqual({
      status: 'AUTHORIZED',
      responseCode: '00',
      avsCode: 'U',
      cvnCode: 'M',
    })
    expect(
      decideAuthorization({ minor: 100n, cvnResult: undefined, hasBillingPostalCode: true })
        .cvnCode,
    ).toBeUndefined()
  })
})

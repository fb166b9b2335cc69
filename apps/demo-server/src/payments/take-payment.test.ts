import { FlexNetworkError } from 'flex-client'
import type { CaptureContext, PaymentsClient } from 'flex-payments'
import { encodeBase64Url } from 'flex-types/internal'
import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { type PaymentRequest, takePayment } from './take-payment.js'

const NOW = new Date('2030-01-01T10:00:00Z')
const CARD = SENTINEL_CARD_NUMBERS[0] as string
const encode = (value: object) => encodeBase64Url(new TextEncoder().encode(JSON.stringify(value)))
// A compact JWT with a future exp: flex-payments reads exp locally, the fake client checks nothing.
const TOKEN = `${encode({ alg: 'RS256', kid: 'k' })}.${encode({ jti: 'A'.repeat(64), exp: NOW.getTime() / 1000 + 900 })}.c2ln`
const CONTEXT = {
  claims: { flx: { origin: 'http://127.0.0.1:4010' } },
} as unknown as CaptureContext
const REQUEST: PaymentRequest = {
  intent: 'sale',
  amount: '10.00',
  currency: 'USD',
  read: { minor: 1000n, exponent: 2 },
  card: { brand: 'visa', lastFour: '1111' },
  billingName: 'Ada Lovelace',
}

function answering(body: unknown): PaymentsClient & { sent: unknown[] } {
  const sent: unknown[] = []
  return {
    origin: 'http://127.0.0.1:4010',
    sent,
    request: async (options) => {
      sent.push(options.body)
      return { status: 201, body, correlationId: 'corr-12345678' }
    },
  }
}

describe('takePayment', () => {
  it('records an approved sale with its codes, and nothing of the card or the token', async () => {
    const client = answering({
      id: '7000000000000000000001',
      status: 'AUTHORIZED',
      clientReferenceInformation: { transactionId: 'will-be-replaced' },
      processorInformation: {
        approvalCode: '831000',
        avs: { code: 'Y' },
        cardVerification: { resultCode: 'M' },
      },
      orderInformation: { amountDetails: { authorizedAmount: '10.00', currency: 'USD' } },
      // An answer that echoes card data must not reach the transaction.
      paymentInformation: { card: { number: CARD, securityCode: SENTINEL_SECURITY_CODE } },
    })
    const transaction = await takePayment(client, TOKEN, CONTEXT, REQUEST, NOW)
    expect(transaction).toMatchObject({
      kind: 'sale',
      status: 'AUTHORIZED',
      paymentId: '7000000000000000000001',
      authorizedMinor: 1000n,
      capturedMinor: 1000n,
      approvalCode: '831000',
      avsCode: 'Y',
      cvnCode: 'M',
      correlationId: 'corr-12345678',
      billingName: 'Ada Lovelace',
      events: [{ action: 'sale', outcome: 'done', status: 'AUTHORIZED', amount: '10.00' }],
    })
    expect(client.sent).toMatchObject([{ processingInformation: { capture: true } }])
    expectNoSensitiveData(transaction, [SENTINEL_SECURITY_CODE, TOKEN, 'A'.repeat(64)])
  })

  it('records a decline as a transaction with its reason, authorizing nothing', async () => {
    const client = answering({
      status: 'DECLINED',
      errorInformation: { reason: 'INSUFFICIENT_FUND' },
    })
    const transaction = await takePayment(
      client,
      TOKEN,
      CONTEXT,
      { ...REQUEST, intent: 'authorize' },
      NOW,
    )
    expect(transaction).toMatchObject({
      kind: 'authorization',
      status: 'DECLINED',
      reason: 'INSUFFICIENT_FUND',
      authorizedMinor: 0n,
      capturedMinor: 0n,
      events: [{ action: 'authorize', outcome: 'declined', reason: 'INSUFFICIENT_FUND' }],
    })
  })

  it('keeps the transaction id and the recovery when no answer comes, sending once', async () => {
    let sends = 0
    const client: PaymentsClient = {
      origin: 'http://127.0.0.1:4010',
      request: async () => {
        sends += 1
        throw new FlexNetworkError({
          method: 'POST',
          path: '/pts/v2/payments',
          causeCode: 'ECONNRESET',
        })
      },
    }
    const transaction = await takePayment(
      client,
      TOKEN,
      CONTEXT,
      { ...REQUEST, intent: 'authorize' },
      NOW,
    )
    expect(sends).toBe(1)
    expect(transaction.status).toBe('UNKNOWN')
    expect(transaction.pendingRecovery).toMatchObject({
      recovery: 'reverseAfterTimeout',
      of: 'authorize',
      amount: '10.00',
    })
    expect(transaction.pendingRecovery?.transactionId).toMatch(/^[0-9a-f]{32}$/)
    expect(transaction.transactionId).toBe(transaction.pendingRecovery?.transactionId)
    expect(transaction.events).toMatchObject([
      { outcome: 'unknown', code: 'ERR_FLEX_PAYMENT_OUTCOME_UNKNOWN' },
    ])
    expectNoSensitiveData(transaction, [TOKEN])
  })

  it('lets a refusal through: nothing was charged and nothing is recorded', async () => {
    const client: PaymentsClient = {
      origin: 'http://127.0.0.1:4010',
      request: async () => {
        throw new TypeError('refused')
      },
    }
    await expect(takePayment(client, TOKEN, CONTEXT, REQUEST, NOW)).rejects.toThrow('refused')
  })
})

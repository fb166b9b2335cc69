import { expectNoSensitiveData } from 'test-utils'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { authorizationRequest, issueTransientToken, send } from './testing/payment-flow.js'
import { useEmulator } from './testing/use-emulator.js'

const running = useEmulator()
const { lines } = running
afterEach(() => running.emulator.clock.reset())
afterAll(() => expectNoSensitiveData(lines.join('\n')))

type Card = { expirationMonth?: string; expirationYear?: string; securityCode?: string }

function withCard(token: string, card: Card, billTo?: Record<string, string>) {
  const body = authorizationRequest(token, '10.00')
  body.paymentInformation = { card }
  const order = body.orderInformation as Record<string, unknown>
  if (billTo === undefined) delete order.billTo
  else order.billTo = billTo
  return body
}

// A token issued ten minutes before the end of January 2031 for a card that expires with it.
async function tokenForJanuaryCard(): Promise<string> {
  running.emulator.clock.set(new Date('2031-01-31T23:50:00Z'))
  const token = await issueTransientToken(running.emulator, {
    expiration: { month: '01', year: '2031' },
  })
  running.emulator.clock.advance(11 * 60_000)
  return token
}

describe('request fields supersede the transient token', () => {
  it('declines EXPIRED_CARD once the card in the token has expired', async () => {
    const token = await tokenForJanuaryCard()
    const answer = await send(
      running.emulator,
      '/pts/v2/payments',
      authorizationRequest(token, '10.00'),
    )
    expect(answer.status).toBe(201)
    expect(answer.body.status).toBe('DECLINED')
    expect(answer.body.errorInformation.reason).toBe('EXPIRED_CARD')
  })

  it('authorizes that card when the request gives a valid expiry', async () => {
    const token = await tokenForJanuaryCard()
    const body = withCard(token, { expirationMonth: '01', expirationYear: '2034' })
    const answer = await send(running.emulator, '/pts/v2/payments', body)
    expect(answer.body.status).toBe('AUTHORIZED')
  })

  it('overrides the expiry field by field', async () => {
    const token = await tokenForJanuaryCard()
    const month = await send(
      running.emulator,
      '/pts/v2/payments',
      withCard(token, { expirationMonth: '02' }),
    )
    expect(month.body.status).toBe('AUTHORIZED')
    const expired = await issueTransientToken(running.emulator, {
      expiration: { month: '12', year: '2031' },
    })
    const year = await send(
      running.emulator,
      '/pts/v2/payments',
      withCard(expired, { expirationYear: '2030' }),
    )
    expect(year.body.errorInformation.reason).toBe('EXPIRED_CARD')
  })

  it("answers AVS from the request's postal code, else from the token's", async () => {
    const bare = await issueTransientToken(running.emulator)
    const none = await send(running.emulator, '/pts/v2/payments', withCard(bare, {}))
    expect(none.body.processorInformation.avs.code).toBe('U')
    const fromRequest = await send(
      running.emulator,
      '/pts/v2/payments',
      withCard(await issueTransientToken(running.emulator), {}, { postalCode: '94105' }),
    )
    expect(fromRequest.body.processorInformation.avs.code).toBe('Y')
    const withPostal = await issueTransientToken(running.emulator, { postalCode: '94105' })
    const fromToken = await send(
      running.emulator,
      '/pts/v2/payments',
      withCard(withPostal, {}, { country: 'US' }),
    )
    expect(fromToken.body.processorInformation.avs.code).toBe('Y')
  })

  it("answers CVN from the request's security code over the token's", async () => {
    const token = await issueTransientToken(running.emulator, { securityCode: '002' })
    const answer = await send(
      running.emulator,
      '/pts/v2/payments',
      withCard(token, { securityCode: '123' }),
    )
    expect(answer.body.status).toBe('AUTHORIZED')
    expect(answer.body.processorInformation.cardVerification.resultCode).toBe('M')
    const bare = await issueTransientToken(running.emulator, { securityCode: false })
    const mismatch = await send(
      running.emulator,
      '/pts/v2/payments',
      withCard(bare, { securityCode: '002' }),
    )
    expect(mismatch.body.errorInformation.reason).toBe('CVN_NOT_MATCH')
  })

  it.each([
    ['paymentInformation.card.expirationMonth', { expirationMonth: '13' }],
    ['paymentInformation.card.expirationYear', { expirationYear: '31' }],
    ['paymentInformation.card.securityCode', { securityCode: '12a' }],
  ] as const)('refuses a malformed %s without using the token up', async (field, card) => {
    const token = await issueTransientToken(running.emulator)
    const refused = await send(running.emulator, '/pts/v2/payments', withCard(token, card))
    expect(refused.status).toBe(400)
    expect(refused.body.details).toEqual([{ field, reason: 'INVALID_DATA' }])
    expect(refused.text).not.toContain('12a')
    const accepted = await send(running.emulator, '/pts/v2/payments', withCard(token, {}))
    expect(accepted.status).toBe(201)
  })
})

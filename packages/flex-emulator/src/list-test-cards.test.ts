import { CARD_BRAND_TYPE_CODES, detectCardBrand } from 'flex-types'
import { expectNoSensitiveData } from 'test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkCardNumberLength, checkSecurityCodeLength } from './card-brand-lengths.js'
import { listTestCards } from './list-test-cards.js'
import { authorizationRequest, issueTransientToken, send } from './testing/payment-flow.js'
import { useEmulator } from './testing/use-emulator.js'

const running = useEmulator()
const { lines } = running
beforeAll(async () => {
  running.emulator.clock.set(new Date('2027-06-15T12:00:00Z'))
})
afterAll(() => expectNoSensitiveData(lines.join('\n')))

// Not a trigger code (002–005), of the card's length.
const securityCodeFor = (length: number) => '739'.padEnd(length, '1')

describe('listTestCards', () => {
  it('lists one card per brand the emulator knows, each of its brand and lengths', () => {
    const cards = listTestCards()
    expect(cards.map((card) => card.brand).sort()).toEqual(
      Object.keys(CARD_BRAND_TYPE_CODES).sort(),
    )
    for (const card of cards) {
      expect(card.number).toMatch(/^[0-9]{12,19}$/)
      expect(detectCardBrand(card.number)).toBe(card.brand)
      expect(checkCardNumberLength(card.number)).toBeUndefined()
      expect(
        checkSecurityCodeLength(card.number, securityCodeFor(card.securityCodeLength)),
      ).toBeUndefined()
      expect(card.brandName.length).toBeGreaterThan(0)
    }
  })

  it('approves every listed card with a code of its length and an expiry in the current month', async () => {
    for (const card of listTestCards()) {
      const token = await issueTransientToken(running.emulator, {
        number: card.number,
        securityCode: securityCodeFor(card.securityCodeLength),
        expiration: { month: '06', year: '2027' },
      })
      const answer = await send(
        running.emulator,
        '/pts/v2/payments',
        authorizationRequest(token, '1.00'),
      )
      expect({ brand: card.brand, status: answer.body.status }).toEqual({
        brand: card.brand,
        status: 'AUTHORIZED',
      })
      expect(answer.body.processorInformation.cardVerification.resultCode).toBe('M')
    }
  })

  it('states the expiry rule the emulator applies: from the current month to maxYearsAhead', async () => {
    const [card] = listTestCards()
    if (card === undefined) throw new Error('no test card')
    expect(card.expiry).toMatchObject({ notBefore: 'current-month', maxYearsAhead: 25 })
    const last = String(2027 + card.expiry.maxYearsAhead)
    const latest = await issueTransientToken(running.emulator, {
      number: card.number,
      expiration: { month: '12', year: last },
    })
    const approved = await send(
      running.emulator,
      '/pts/v2/payments',
      authorizationRequest(latest, '1.00'),
    )
    expect(approved.body.status).toBe('AUTHORIZED')
    await expect(
      issueTransientToken(running.emulator, {
        number: card.number,
        expiration: { month: '01', year: String(Number(last) + 1) },
      }),
    ).rejects.toThrow('tokens answered 400')
    await expect(
      issueTransientToken(running.emulator, {
        number: card.number,
        expiration: { month: '05', year: '2027' },
      }),
    ).rejects.toThrow('tokens answered 400')
  })
})

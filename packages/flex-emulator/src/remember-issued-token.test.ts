import { describe, expect, it } from 'vitest'
import { readIssuedTokenFacts } from './remember-issued-token.js'
import { VISA } from './testing/payment-flow.js'

describe('readIssuedTokenFacts', () => {
  it('keeps marks only: the CVN result, not the security code, and never the card number', () => {
    const facts = readIssuedTokenFacts('kid-1', {
      paymentInformation: {
        card: { number: VISA, securityCode: '002', expirationMonth: '07', expirationYear: '2031' },
      },
      orderInformation: { billTo: { postalCode: '94105', address1: '1 Market St' } },
    })
    expect(facts).toEqual({
      kid: 'kid-1',
      cvnResult: 'N',
      expiration: { month: 7, year: 2031 },
      hasBillingPostalCode: true,
    })
  })

  it('keeps nothing it was not given', () => {
    expect(
      readIssuedTokenFacts('kid-2', { paymentInformation: { card: { number: VISA } } }),
    ).toEqual({ kid: 'kid-2', hasBillingPostalCode: false })
  })
})

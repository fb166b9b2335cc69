import { describe, expect, it } from 'vitest'
import { listPaymentTestTriggers } from './list-payment-test-triggers.js'
import { cardVerificationResultOf, decideAuthorization } from './payment-triggers.js'

describe('listPaymentTestTriggers', () => {
  it('lists each amount trigger with the answer the emulator gives', () => {
    const triggers = listPaymentTestTriggers().filter((trigger) => trigger.on === 'amount')
    expect(triggers.length).toBeGreaterThanOrEqual(8)
    for (const trigger of triggers) {
      const outcome = decideAuthorization({
        minor: BigInt(trigger.minorUnits),
        cvnResult: 'M',
        hasBillingPostalCode: true,
      })
      expect(outcome.status).toBe(trigger.status)
      expect(outcome.reason).toBe(trigger.reason)
      expect(trigger.description.length).toBeGreaterThan(0)
    }
  })

  it('lists each security-code trigger with the answer the emulator gives', () => {
    const triggers = listPaymentTestTriggers().filter((trigger) => trigger.on === 'securityCode')
    expect(triggers.map((trigger) => trigger.securityCode)).toEqual(['002', '003', '004', '005'])
    for (const trigger of triggers) {
      const cvnResult = cardVerificationResultOf(trigger.securityCode)
      const outcome = decideAuthorization({ minor: 1000n, cvnResult, hasBillingPostalCode: true })
      expect(outcome.status).toBe(trigger.status)
      expect(outcome.reason).toBe(trigger.reason)
      expect(outcome.cvnCode).toBe(trigger.cardVerificationResult)
      expect(trigger.cardVerificationResult).not.toBe('M')
    }
  })

  it('never lists an amount the emulator approves plainly', () => {
    const byAmount = listPaymentTestTriggers().filter((trigger) => trigger.on === 'amount')
    expect(byAmount.map((trigger) => trigger.status)).not.toContain('AUTHORIZED')
  })
})

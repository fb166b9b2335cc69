import { describe, expect, it } from 'vitest'
import { listPaymentTestTriggers } from './list-payment-test-triggers.js'
import { decideAuthorization } from './payment-triggers.js'

describe('listPaymentTestTriggers', () => {
  it('lists each trigger with the answer the emulator gives', () => {
    const triggers = listPaymentTestTriggers()
    expect(triggers.length).toBeGreaterThanOrEqual(8)
    for (const trigger of triggers) {
      const outcome = decideAuthorization({
        minor: BigInt(trigger.minorUnits),
        hasSecurityCode: true,
        hasBillingPostalCode: true,
      })
      expect(outcome.status).toBe(trigger.status)
      expect(outcome.reason).toBe(trigger.reason)
      expect(trigger.description.length).toBeGreaterThan(0)
    }
  })

  it('never lists an amount the emulator approves plainly', () => {
    expect(listPaymentTestTriggers().map((t) => t.status)).not.toContain('AUTHORIZED')
  })
})

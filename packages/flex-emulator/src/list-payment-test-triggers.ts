import { PAYMENT_TRIGGERS, SECURITY_CODE_TRIGGERS } from './payment-triggers.js'

/** What the emulator answers to a trigger. */
interface PaymentTestTriggerAnswer {
  /** `errorInformation.reason`, when the answer has one. */
  reason?: string
  /** What the emulator says, as `errorInformation.message` does. */
  description: string
}

/** A trigger by the authorized amount. */
export interface PaymentAmountTrigger extends PaymentTestTriggerAnswer {
  on: 'amount'
  /** The amount in minor units, as a decimal string (`'2001'` is 20.01 USD or 2001 JPY). */
  minorUnits: string
  /** The authorization's `status`. */
  status: 'DECLINED' | 'AUTHORIZED_PENDING_REVIEW' | 'PARTIAL_AUTHORIZED'
}

/** A trigger by the card's security code (tokenized, or given in the authorization request). */
export interface PaymentSecurityCodeTrigger extends PaymentTestTriggerAnswer {
  on: 'securityCode'
  /** The three digits (a four-digit code reads as these with a leading `0`). */
  securityCode: string
  /** The authorization's `status` (with an amount that triggers nothing). */
  status: 'DECLINED' | 'AUTHORIZED'
  /** `processorInformation.cardVerification.resultCode`. */
  cardVerificationResult: string
}

/** One row of the emulator's test-trigger table: what to send and what the emulator answers. */
export type PaymentTestTrigger = PaymentAmountTrigger | PaymentSecurityCodeTrigger

/**
 * The amounts and security codes that make the emulator decline, hold for review, partially
 * approve an authorization or give a card verification result other than `M` (every other
 * amount is approved). For test-card pages and test tables.
 *
 * @example
 * ```ts
 * import { listPaymentTestTriggers } from 'flex-emulator'
 *
 * for (const trigger of listPaymentTestTriggers())
 *   console.log(trigger.on === 'amount' ? trigger.minorUnits : trigger.securityCode, trigger.status)
 * ```
 */
export function listPaymentTestTriggers(): readonly PaymentTestTrigger[] {
  const byAmount = [...PAYMENT_TRIGGERS].map(
    ([minor, { outcome }]): PaymentAmountTrigger => ({
      on: 'amount',
      minorUnits: minor.toString(),
      status: outcome.status as PaymentAmountTrigger['status'],
      ...(outcome.reason ? { reason: outcome.reason } : {}),
      description: outcome.message ?? 'Partial approval: half the amount requested is authorized.',
    }),
  )
  const bySecurityCode = [...SECURITY_CODE_TRIGGERS].map(
    ([securityCode, trigger]): PaymentSecurityCodeTrigger => ({
      on: 'securityCode',
      securityCode,
      status: trigger.declined ? 'DECLINED' : 'AUTHORIZED',
      ...(trigger.declined ? { reason: 'CVN_NOT_MATCH' } : {}),
      cardVerificationResult: trigger.cvnCode,
      description: trigger.message,
    }),
  )
  return [...byAmount, ...bySecurityCode]
}

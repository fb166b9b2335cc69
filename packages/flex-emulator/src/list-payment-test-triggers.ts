import { PAYMENT_TRIGGERS } from './payment-triggers.js'

/** One row of the emulator's test-trigger table: what to send and what the emulator answers. */
export interface PaymentTestTrigger {
  /** What triggers the answer: the authorized amount in minor units of any currency. */
  on: 'amount'
  /** The amount in minor units, as a decimal string (`'2001'` is 20.01 USD or 2001 JPY). */
  minorUnits: string
  /** The authorization's `status`. */
  status: 'DECLINED' | 'AUTHORIZED_PENDING_REVIEW' | 'PARTIAL_AUTHORIZED'
  /** `errorInformation.reason`, when the answer has one. */
  reason?: string
  /** What the emulator says, as `errorInformation.message` does. */
  description: string
}

/**
 * The amounts that make the emulator decline, hold for review or partially approve an
 * authorization (every other amount is approved). For test-card pages and test tables.
 *
 * @example
 * ```ts
 * import { listPaymentTestTriggers } from 'flex-emulator'
 *
 * for (const trigger of listPaymentTestTriggers())
 *   console.log(trigger.minorUnits, trigger.status, trigger.reason ?? '')
 * ```
 */
export function listPaymentTestTriggers(): readonly PaymentTestTrigger[] {
  return [...PAYMENT_TRIGGERS].map(([minor, { outcome }]) => ({
    on: 'amount',
    minorUnits: minor.toString(),
    status: outcome.status as PaymentTestTrigger['status'],
    ...(outcome.reason ? { reason: outcome.reason } : {}),
    description: outcome.message ?? 'Partial approval: half the amount requested is authorized.',
  }))
}

import { createUsageError } from 'flex-types/internal'
import type { EmulatorState } from './emulator-state.js'
import type { InspectedPayment } from './inspected-payment.js'
import { formatAmount } from './payment-amount.js'
import { capturedMinor, findPaymentOf, refundedMinor } from './payment-record.js'

/** A copy of what the emulator holds of a payment, by the id of any of its transactions. */
export function inspectPayment(state: EmulatorState, id: string): InspectedPayment | undefined {
  if (typeof id !== 'string') throw createUsageError('inspectPayment', 'id', 'must be a string')
  const payment = findPaymentOf(state.payments, id)
  if (!payment) return undefined
  const amount = (minor: bigint) => formatAmount(minor, payment.currency)
  return structuredClone({
    id: payment.id,
    merchantId: payment.merchantId,
    authorizationStatus: payment.authorizationStatus,
    currency: payment.currency,
    requestedAmount: amount(payment.requestedMinor),
    authorizedAmount: amount(payment.authorizedMinor),
    capturedAmount: amount(capturedMinor(payment)),
    refundedAmount: amount(refundedMinor(payment)),
    reversed: payment.reversed,
    reversedAmount: amount(payment.reversedMinor),
    voided: payment.voided,
    ...(payment.transactionId === undefined ? {} : { transactionId: payment.transactionId }),
    ...(payment.card ? { card: payment.card } : {}),
    history: payment.history,
  })
}

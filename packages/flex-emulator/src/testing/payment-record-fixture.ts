import type { PaymentRecord } from '../payment-record.js'

/** A fresh authorized payment of merchant `m`, nothing captured yet; `fields` replace defaults. */
export function paymentRecordFixture(
  fields: Partial<PaymentRecord> & Pick<PaymentRecord, 'id' | 'createdAt'>,
): PaymentRecord {
  return {
    merchantId: 'm',
    authorizationStatus: 'AUTHORIZED',
    currency: 'USD',
    requestedMinor: 100n,
    authorizedMinor: 100n,
    capturedMinor: 0n,
    refundedMinor: 0n,
    reversed: false,
    voided: false,
    followOns: [],
    history: [],
    ...fields,
  }
}

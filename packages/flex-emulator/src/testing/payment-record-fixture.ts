import { openPaymentRecord, type PaymentRecord } from '../payment-record.js'

type OpenedFields = Parameters<typeof openPaymentRecord>[0]

/** A fresh authorized payment of 1.00 USD, merchant `m`; `fields` replace those defaults. */
export function paymentRecordFixture(
  fields: Partial<OpenedFields> & Pick<OpenedFields, 'id' | 'createdAt'>,
): PaymentRecord {
  return openPaymentRecord({
    merchantId: 'm',
    authorizationStatus: 'AUTHORIZED',
    currency: 'USD',
    requestedMinor: 100n,
    authorizedMinor: 100n,
    ...fields,
  })
}

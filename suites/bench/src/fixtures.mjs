// What every section sends. The card is a public test number; nothing here is ever printed.
export const SESSION_FIELDS = [
  'paymentInformation.card.number',
  'paymentInformation.card.expirationMonth',
  'paymentInformation.card.expirationYear',
  { path: 'paymentInformation.card.securityCode', required: false },
]

export const PAYMENT_DATA = {
  paymentInformation: {
    card: {
      number: '4111111111111111',
      expirationMonth: '12',
      expirationYear: String(new Date().getUTCFullYear() + 5),
      securityCode: '123',
    },
  },
}

import { expect, it } from 'vitest'

it('exports exactly the public surface', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
    [
      "FLEX_ERROR_CODES",
      "FLEX_FIELD_REASONS",
      "FLEX_PAYMENT_RESPONSE_REASONS",
      "FlexError",
      "FlexPaymentOutcomeUnknownError",
      "FlexPaymentResponseError",
      "FlexValidationError",
      "MAX_AMOUNT_LENGTH",
      "authorizePayment",
      "capturePayment",
      "getCurrencyExponent",
      "getPaymentDetails",
      "getTransaction",
      "refundPayment",
      "reverseAfterTimeout",
      "reverseAuthorization",
      "voidAfterTimeout",
      "voidPayment",
    ]
  `)
})

it('re-exports the errors of flex-types rather than copies', async () => {
  const ours = await import('./index.js')
  const base = await import('flex-types')
  for (const name of [
    'FLEX_ERROR_CODES',
    'FLEX_FIELD_REASONS',
    'FlexError',
    'FlexValidationError',
    'getCurrencyExponent',
  ] as const) {
    expect(ours[name], name).toBe(base[name])
  }
})

import { expect, it } from 'vitest'

it('exports exactly the public surface', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
    [
      "ENCRYPTION_KEY_PROBLEMS",
      "FlexEncryptionError",
      "FlexEncryptionKeyError",
      "FlexError",
      "FlexValidationError",
      "JWE_ALGORITHMS",
      "detectCardBrand",
      "encryptPaymentData",
      "isFlexError",
      "isValidCardNumber",
      "maskCardNumber",
      "passesLuhn",
    ]
  `)
})

import { expect, it } from 'vitest'

it('exports exactly the public surface', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
    [
      "CARD_BRAND_TYPE_CODES",
      "FLEX_ENVIRONMENTS",
      "FLEX_ERROR_CODES",
      "FLEX_FIELD_PATHS",
      "FLEX_FIELD_RULES",
      "FlexError",
      "FlexValidationError",
      "RSA_JWK_PROBLEMS",
      "buildSessionRequestBody",
      "decodeBase64Url",
      "detectCardBrand",
      "encodeBase64Url",
      "isFlexEnvironment",
      "isFlexError",
      "isFlexFieldPath",
      "isHttpsOrLoopback",
      "isJsonObject",
      "isLoopbackHostname",
      "isValidCardNumber",
      "maskCardNumber",
      "nestFieldValues",
      "normalizeCardNumber",
      "passesLuhn",
      "readFlexOrigin",
      "readResponseBytes",
      "readSessionFields",
      "validatePaymentData",
      "validateRsaPublicJwk",
    ]
  `)
})

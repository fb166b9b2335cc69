import { expect, it } from 'vitest'

it('exports exactly the public surface', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
    [
      "CARD_BRAND_RULES",
      "CARD_BRAND_TYPE_CODES",
      "FLEX_CAPTURE_CONTEXT_REASONS",
      "FLEX_ENVIRONMENTS",
      "FLEX_ERROR_CODES",
      "FLEX_FIELD_PATHS",
      "FLEX_FIELD_REASONS",
      "FLEX_STORAGE_REASONS",
      "FlexCaptureContextError",
      "FlexError",
      "FlexStorageError",
      "FlexValidationError",
      "USAGE_ERROR_CODES",
      "detectCardBrand",
      "getCurrencyExponent",
      "isFlexEnvironment",
      "isFlexError",
      "isFlexFieldPath",
      "isUsageError",
      "isValidCardNumber",
      "maskCardNumber",
      "nestFieldValues",
      "normalizeCardNumber",
      "passesLuhn",
      "validatePaymentData",
    ]
  `)
})

it('exports exactly the internal surface used by the sibling packages', async () => {
  expect(Object.keys(await import('./internal.js')).sort()).toMatchInlineSnapshot(`
    [
      "FLEX_RSA_JWK_REASONS",
      "MAX_AMOUNT_LENGTH",
      "MAX_COMPACT_TOKEN_LENGTH",
      "MAX_TIMER_DELAY",
      "buildSessionRequestBody",
      "containsCardLikeDigits",
      "createUsageError",
      "decodeBase64Url",
      "encodeBase64Url",
      "isCompactJwe",
      "isCompactJws",
      "isHttpsOrLoopback",
      "isJsonObject",
      "isLoopbackHostname",
      "parseRetryAfter",
      "readCountOption",
      "readCurrencyCode",
      "readCurrentDate",
      "readDecimalAmount",
      "readDurationOption",
      "readFlexOrigin",
      "readResponseBytes",
      "readRetryOption",
      "readSessionFields",
      "readStorageTtl",
      "rememberForCaptureContext",
      "validateRsaPublicJwk",
    ]
  `)
})

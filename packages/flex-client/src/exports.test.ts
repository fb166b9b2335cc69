import * as flexTypes from 'flex-types'
import { expect, it } from 'vitest'
import * as flexClient from './index.js'

it('exports exactly the public surface', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
    [
      "FLEX_CAPTURE_CONTEXT_REASONS",
      "FLEX_ERROR_CODES",
      "FLEX_HTTP_REASONS",
      "FlexAuthenticationError",
      "FlexCaptureContextError",
      "FlexError",
      "FlexHttpError",
      "FlexNetworkError",
      "FlexOriginNotAllowedError",
      "FlexRateLimitError",
      "FlexRequestError",
      "FlexServerError",
      "FlexTimeoutError",
      "FlexUnexpectedResponseError",
      "FlexValidationError",
      "createAuthenticationHeaders",
      "createFlexClient",
      "isFlexError",
      "isUsageError",
    ]
  `)
})

it('re-exports the flex-types values its signatures use, as the same objects', () => {
  expect(flexClient.FLEX_ERROR_CODES).toBe(flexTypes.FLEX_ERROR_CODES)
  expect(flexClient.FlexError).toBe(flexTypes.FlexError)
  expect(flexClient.FlexValidationError).toBe(flexTypes.FlexValidationError)
  expect(flexClient.isFlexError).toBe(flexTypes.isFlexError)
  expect(flexClient.isUsageError).toBe(flexTypes.isUsageError)
  // The class flex-jwt and flex-jwe throw for the same condition (#15.4).
  expect(flexClient.FlexCaptureContextError).toBe(flexTypes.FlexCaptureContextError)
  expect(flexClient.FLEX_CAPTURE_CONTEXT_REASONS).toBe(flexTypes.FLEX_CAPTURE_CONTEXT_REASONS)
})

it('lets a caller catch a session field error without importing flex-types', async () => {
  const client = flexClient.createFlexClient({
    origin: 'http://127.0.0.1:4010',
    credentials: {
      merchantId: 'm',
      keyId: 'k',
      sharedSecret: 'c2hhcmVkLXNlY3JldC1mb3ItdGhlLWV4cG9ydC10ZXN0',
    },
    fetch: () => Promise.reject(new Error('nothing may be sent')),
  })
  const error = await client.createSession(['not.a.field' as never]).catch((caught) => caught)
  expect(error).toBeInstanceOf(flexClient.FlexValidationError)
  expect(flexClient.isFlexError(error)).toBe(true)
  expect(error.code).toBe(flexClient.FLEX_ERROR_CODES.SESSION_FIELDS_INVALID)
})

it('re-exports the flex-types types its signatures use (checked by tsc)', () => {
  type Reexported = [
    flexClient.CaptureContext,
    flexClient.CardNetworkName,
    flexClient.FlexEnvironment,
    flexClient.FlexErrorCode,
    flexClient.FlexFieldIssue,
    flexClient.FlexRetryOptions,
    flexClient.SessionFieldSelection,
    flexClient.SessionFields,
    flexClient.UsageError,
  ]
  const retry: flexClient.FlexRetryOptions = { limit: 1 } satisfies flexTypes.FlexRetryOptions
  const environment: flexClient.FlexEnvironment = 'test'
  expect([retry, environment] satisfies Partial<Reexported>[number][]).toHaveLength(2)
})

it('exports the capture-context request types (checked by tsc)', () => {
  const microform: flexClient.MicroformSessionOptions = {
    targetOrigins: ['https://shop.example'],
    allowedCardNetworks: ['VISA'] satisfies flexTypes.CardNetworkName[],
    allowedPaymentTypes: ['CARD'] satisfies flexClient.MicroformPaymentType[],
    transientTokenResponseOptions: {
      includeCardPrefix: true,
    } satisfies flexClient.TransientTokenResponseOptions,
  }
  const unifiedCheckout: flexClient.UnifiedCheckoutSessionOptions = {
    targetOrigins: ['https://shop.example'],
    allowedCardNetworks: ['VISA'],
    allowedPaymentTypes: ['PANENTRY'] satisfies flexClient.UnifiedCheckoutPaymentType[],
    country: 'US',
    locale: 'en_US',
    amount: '1.00',
    currency: 'USD',
    captureMandate: { billingType: 'NONE' } satisfies flexClient.UnifiedCheckoutCaptureMandate,
  }
  expect([microform, unifiedCheckout]).toHaveLength(2)
})

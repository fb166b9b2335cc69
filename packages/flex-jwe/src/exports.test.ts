import type * as base from 'flex-types'
import { expect, expectTypeOf, it } from 'vitest'
import type * as ours from './index.js'

it('exports exactly the public surface', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
    [
      "FLEX_CAPTURE_CONTEXT_REASONS",
      "FLEX_ENCRYPTION_KEY_REASONS",
      "FlexCaptureContextError",
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

it('re-exports the card helpers and errors of flex-types rather than copies', async () => {
  const ours = await import('./index.js')
  const base = await import('flex-types')
  for (const name of [
    'detectCardBrand',
    'FlexCaptureContextError',
    'FlexError',
    'FlexValidationError',
    'isFlexError',
    'isValidCardNumber',
    'maskCardNumber',
    'passesLuhn',
  ] as const) {
    expect(ours[name], name).toBe(base[name])
  }
  expect(ours.maskCardNumber('4242 4242 4242 4242', { visibleStart: 6 })).toBe('424242XXXXXX4242')
  expect(ours.detectCardBrand('378282246310005')).toBe('amex')
  expect(ours.isValidCardNumber('4242-4242-4242-4242')).toBe(true)
  expect(ours.passesLuhn('4242424242424241')).toBe(false)
})

it('re-exports the flex-types types its signatures use, as the same types', () => {
  expectTypeOf<ours.CaptureContext>().toEqualTypeOf<base.CaptureContext>()
  expectTypeOf<ours.CaptureContextClaims>().toEqualTypeOf<base.CaptureContextClaims>()
  expectTypeOf<ours.CaptureContextEntry>().toEqualTypeOf<base.CaptureContextEntry>()
  expectTypeOf<ours.FlexPublicJwk>().toEqualTypeOf<base.FlexPublicJwk>()
  expectTypeOf<ours.PaymentData>().toEqualTypeOf<base.PaymentData>()
  expectTypeOf<ours.FlatPaymentData>().toEqualTypeOf<base.FlatPaymentData>()
  expectTypeOf<ours.CurrentDateOption>().toEqualTypeOf<base.CurrentDateOption>()
  expectTypeOf<ours.FlexErrorCode>().toEqualTypeOf<base.FlexErrorCode>()
  expectTypeOf<ours.FlexFieldIssue>().toEqualTypeOf<base.FlexFieldIssue>()
  expectTypeOf<ours.FlexFieldPath>().toEqualTypeOf<base.FlexFieldPath>()
  expectTypeOf<ours.FlexFieldReason>().toEqualTypeOf<base.FlexFieldReason>()
  expectTypeOf<ours.CardBrand>().toEqualTypeOf<base.CardBrand>()
  expectTypeOf<ours.MaskCardNumberOptions>().toEqualTypeOf<base.MaskCardNumberOptions>()
  expectTypeOf<
    NonNullable<ours.EncryptPaymentDataOptions['currentDate']>
  >().toEqualTypeOf<base.CurrentDateOption>()
  expectTypeOf<Parameters<typeof ours.encryptPaymentData>[0]>().toEqualTypeOf<base.CaptureContext>()
})

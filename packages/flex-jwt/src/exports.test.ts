import { expect, expectTypeOf, it } from 'vitest'
import type * as entry from './index.js'

it('exports exactly the public surface, the flex-types names it uses included', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
    [
      "FLEX_CAPTURE_CONTEXT_REASONS",
      "FLEX_ERROR_CODES",
      "FLEX_VERIFICATION_REASONS",
      "FlexCaptureContextError",
      "FlexError",
      "FlexVerificationError",
      "createPublicKeyResolver",
      "decodeTokenUnverified",
      "isFlexError",
      "verifyCaptureContext",
      "verifyTransientToken",
    ]
  `)
})

it('re-exports the flex-types types of its signatures, so users need no flex-types import', () => {
  expectTypeOf<entry.CaptureContext>().toEqualTypeOf<import('flex-types').CaptureContext>()
  expectTypeOf<entry.TransientToken>().toEqualTypeOf<import('flex-types').TransientToken>()
  expectTypeOf<entry.FlexPublicJwk>().toEqualTypeOf<import('flex-types').FlexPublicJwk>()
  expectTypeOf<entry.CurrentDateOption>().toEqualTypeOf<import('flex-types').CurrentDateOption>()
  expectTypeOf<entry.FlexRetryOptions>().toEqualTypeOf<import('flex-types').FlexRetryOptions>()
  expectTypeOf<entry.FlexEnvironment>().toEqualTypeOf<import('flex-types').FlexEnvironment>()
  expectTypeOf<entry.CardNetworkName>().toEqualTypeOf<import('flex-types').CardNetworkName>()
  expectTypeOf<
    NonNullable<entry.VerifyCaptureContextOptions['currentDate']>
  >().toEqualTypeOf<entry.CurrentDateOption>()
})

it('re-exports the capture context error of flex-types itself, not a copy (#15.4)', async () => {
  const ours = await import('./index.js')
  const base = await import('flex-types')
  expect(ours.FlexCaptureContextError).toBe(base.FlexCaptureContextError)
  expect(ours.FLEX_CAPTURE_CONTEXT_REASONS).toBe(base.FLEX_CAPTURE_CONTEXT_REASONS)
})

it('returns a capture context with its typed data, narrowed by kind (checked by tsc)', () => {
  expectTypeOf<ReturnType<typeof import('./index.js').verifyCaptureContext>>().toEqualTypeOf<
    Promise<entry.VerifiedCaptureContext>
  >()
  expectTypeOf<entry.VerifiedCaptureContext>().toExtend<entry.CaptureContext>()
  expectTypeOf<entry.CaptureContextData['kind']>().toEqualTypeOf<
    'flex-api' | 'microform' | 'unified-checkout' | 'other'
  >()
  expectTypeOf<
    Extract<entry.CaptureContextData, { kind: 'microform' }>
  >().toEqualTypeOf<entry.MicroformContextData>()
  expectTypeOf<
    Extract<entry.CaptureContextData, { kind: 'unified-checkout' }>
  >().toEqualTypeOf<entry.UnifiedCheckoutContextData>()
  expectTypeOf<entry.FlexApiContextData>().toExtend<entry.CaptureContextData>()
  expectTypeOf<entry.OtherContextData>().toExtend<entry.CaptureContextData>()
  expectTypeOf<entry.UnifiedCheckoutContextData['clientLibrary']>().toEqualTypeOf<string>()
})

import { expect, it } from 'vitest'

it('exports exactly the public surface', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
    [
      "FLEX_ENCRYPTION_KEY_REASONS",
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

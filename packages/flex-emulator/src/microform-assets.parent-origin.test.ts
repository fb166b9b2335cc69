import { describe, expect, it } from 'vitest'
import { runFieldScript } from './testing/run-field-script.js'

type Decide = (input: {
  origin: string
  allowed: unknown
  ancestorOrigins?: ArrayLike<string> | null
  referrer?: unknown
}) => boolean

const { isParentAllowed } = runFieldScript('parent-origin.js').FlexEmulatorParentOrigin as {
  isParentAllowed: Decide
}
const SHOP = 'https://shop.example'
const OTHER = 'https://other.example'
const allowed = [SHOP]

describe('the field page: may it answer its parent? (parent-origin.js)', () => {
  it('with location.ancestorOrigins (Chromium, Safari): the parent first, every ancestor listed', () => {
    expect(isParentAllowed({ origin: SHOP, allowed, ancestorOrigins: [SHOP] })).toBe(true)
    expect(
      isParentAllowed({ origin: SHOP, allowed: [SHOP, OTHER], ancestorOrigins: [SHOP, OTHER] }),
    ).toBe(true)
    expect(isParentAllowed({ origin: SHOP, allowed, ancestorOrigins: [SHOP, OTHER] })).toBe(false)
    expect(
      isParentAllowed({ origin: SHOP, allowed: [SHOP, OTHER], ancestorOrigins: [OTHER, SHOP] }),
    ).toBe(false)
    expect(isParentAllowed({ origin: SHOP, allowed, ancestorOrigins: [] })).toBe(false)
    expect(isParentAllowed({ origin: OTHER, allowed, ancestorOrigins: [OTHER] })).toBe(false)
  })

  it('without it (Firefox): the referrer must be on the origin the messages come from', () => {
    for (const referrer of [`${SHOP}/`, `${SHOP}/checkout?step=2`]) {
      expect(isParentAllowed({ origin: SHOP, allowed, referrer })).toBe(true)
    }
    expect(
      isParentAllowed({ origin: SHOP, allowed, ancestorOrigins: null, referrer: `${SHOP}/` }),
    ).toBe(true)
    expect(isParentAllowed({ origin: SHOP, allowed, referrer: `${OTHER}/` })).toBe(false)
    expect(isParentAllowed({ origin: OTHER, allowed, referrer: `${OTHER}/` })).toBe(false)
  })

  it('fails closed when neither tells the parent, or the input is not what a browser gives', () => {
    for (const referrer of ['', undefined, 'not a url', 42]) {
      expect(isParentAllowed({ origin: SHOP, allowed, referrer })).toBe(false)
    }
    expect(isParentAllowed({ origin: SHOP, allowed: undefined, referrer: `${SHOP}/` })).toBe(false)
    expect(isParentAllowed({ origin: 'null', allowed, ancestorOrigins: ['null'] })).toBe(false)
  })
})

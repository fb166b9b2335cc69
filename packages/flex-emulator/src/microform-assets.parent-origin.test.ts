import { describe, expect, it } from 'vitest'
import { runFieldScript } from './testing/run-field-script.js'

type Decide = (input: {
  origin: string
  allowed: unknown
  ancestorOrigins?: ArrayLike<string> | null
  referrer?: unknown
  parentIsTop?: unknown
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

  it('without it (Firefox): the parent is the top page and the referrer on its origin', () => {
    const top = { allowed, parentIsTop: true }
    for (const referrer of [`${SHOP}/`, `${SHOP}/checkout?step=2`]) {
      expect(isParentAllowed({ ...top, origin: SHOP, referrer })).toBe(true)
    }
    expect(
      isParentAllowed({ ...top, origin: SHOP, ancestorOrigins: null, referrer: `${SHOP}/` }),
    ).toBe(true)
    expect(isParentAllowed({ ...top, origin: SHOP, referrer: `${OTHER}/` })).toBe(false)
    expect(isParentAllowed({ ...top, origin: OTHER, referrer: `${OTHER}/` })).toBe(false)
    // A shop page framed by another page: its ancestors cannot be checked, so it is refused.
    for (const parentIsTop of [false, undefined, 'true']) {
      expect(isParentAllowed({ origin: SHOP, allowed, referrer: `${SHOP}/`, parentIsTop })).toBe(
        false,
      )
    }
  })

  it('fails closed when neither tells the parent, or the input is not what a browser gives', () => {
    for (const referrer of ['', undefined, 'not a url', 42]) {
      expect(isParentAllowed({ origin: SHOP, allowed, referrer, parentIsTop: true })).toBe(false)
    }
    expect(isParentAllowed({ origin: SHOP, allowed: undefined, referrer: `${SHOP}/` })).toBe(false)
    expect(isParentAllowed({ origin: 'null', allowed, ancestorOrigins: ['null'] })).toBe(false)
  })
})

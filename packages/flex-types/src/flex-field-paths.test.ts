import { describe, expect, it } from 'vitest'
import { FLEX_FIELD_PATHS, isFlexFieldPath } from './flex-field-paths.js'

describe('FLEX_FIELD_PATHS', () => {
  it('lists the 31 capturable paths of docs/protocol.md, once each', () => {
    expect(FLEX_FIELD_PATHS).toHaveLength(31)
    expect(new Set(FLEX_FIELD_PATHS).size).toBe(31)
    const groups: Record<string, number> = {}
    for (const path of FLEX_FIELD_PATHS) {
      const group = path.split('.').slice(0, 2).join('.')
      groups[group] = (groups[group] ?? 0) + 1
    }
    expect(groups).toEqual({
      'paymentInformation.card': 5,
      'orderInformation.amountDetails': 2,
      'orderInformation.billTo': 13,
      'orderInformation.shipTo': 11,
    })
  })

  it('recognises paths and nothing else', () => {
    expect(isFlexFieldPath('orderInformation.shipTo.company')).toBe(true)
    expect(isFlexFieldPath('orderInformation.shipTo.email')).toBe(false)
    expect(isFlexFieldPath('orderInformation.shipTo')).toBe(false)
    expect(isFlexFieldPath(42)).toBe(false)
  })
})

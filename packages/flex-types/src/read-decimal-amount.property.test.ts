import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FlexFieldIssue } from './flex-error.js'
import { readDecimalAmount } from './read-decimal-amount.js'

describe('readDecimalAmount properties', () => {
  it('reads any whole and fraction within the exponent exactly, in minor units', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 4 }),
        fc.nat(),
        (whole, exponent, seed) => {
          const decimals = exponent === 0 ? 0 : seed % (exponent + 1)
          const fraction = BigInt(seed % 10 ** decimals)
          const text =
            decimals === 0 ? `${whole}` : `${whole}.${`${fraction}`.padStart(decimals, '0')}`
          const expected =
            whole * 10n ** BigInt(exponent) + fraction * 10n ** BigInt(exponent - decimals)
          const issues: FlexFieldIssue[] = []
          const minorUnits = readDecimalAmount('test', 'amount', text, exponent, issues)
          if (expected === 0n) {
            expect(issues.map((issue) => issue.reason)).toEqual(['out-of-range'])
          } else {
            expect(issues).toEqual([])
            expect(minorUnits).toBe(expected)
          }
        },
      ),
    )
  })

  it('refuses every string that is not a plain decimal, never echoing it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), (text) => {
        fc.pre(!/^(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(text))
        const issues: FlexFieldIssue[] = []
        expect(readDecimalAmount('test', 'amount', text, 2, issues)).toBeUndefined()
        expect(issues).toHaveLength(1)
      }),
    )
  })

  it('never echoes the refused text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), (suffix) => {
        const issues: FlexFieldIssue[] = []
        readDecimalAmount('test', 'amount', `zq${suffix}`, 2, issues)
        expect(JSON.stringify(issues)).not.toContain('zq')
      }),
    )
  })
})

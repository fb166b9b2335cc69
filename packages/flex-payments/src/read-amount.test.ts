import type { FlexFieldIssue } from 'flex-types'
import { describe, expect, it } from 'vitest'
import { MAX_AMOUNT_LENGTH, readAmount, readCurrency } from './read-amount.js'

function read(amount: string, currency: string) {
  const issues: FlexFieldIssue[] = []
  const exponent = readCurrency('test', 'currency', currency, issues)
  return { minorUnits: readAmount('test', 'amount', amount, exponent, issues), issues }
}

describe('readAmount', () => {
  it.each([
    ['10.00', 'USD', 1000n],
    ['10', 'USD', 1000n],
    ['0.01', 'USD', 1n],
    ['10.5', 'EUR', 1050n],
    ['5000', 'JPY', 5000n],
    ['1.234', 'KWD', 1234n],
    ['1.2345', 'CLF', 12345n],
    ['9'.repeat(MAX_AMOUNT_LENGTH), 'JPY', BigInt('9'.repeat(MAX_AMOUNT_LENGTH))],
  ])('reads %s %s in minor units', (amount, currency, expected) => {
    expect(read(amount, currency)).toEqual({ minorUnits: expected, issues: [] })
  })

  it('checks only the shape when the currency is unknown', () => {
    expect(read('10.001', 'ZZZ').issues.map((issue) => issue.path)).toEqual(['currency'])
  })
})

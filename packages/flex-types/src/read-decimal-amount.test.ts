import { describe, expect, it } from 'vitest'
import type { FlexFieldIssue } from './flex-error.js'
import { MAX_AMOUNT_LENGTH, readCurrencyCode, readDecimalAmount } from './read-decimal-amount.js'
import { isUsageError } from './usage-error.js'

function captureThrown(action: () => unknown): unknown {
  try {
    action()
  } catch (error) {
    return error
  }
  return undefined
}

function read(amount: unknown, currency: unknown) {
  const issues: FlexFieldIssue[] = []
  const exponent = readCurrencyCode('test', 'currency', currency, issues)
  const minorUnits = readDecimalAmount('test', 'amount', amount, exponent, issues)
  return { minorUnits, issues: issues.map(({ path, reason }) => `${path}:${reason}`) }
}

describe('readDecimalAmount', () => {
  it.each([
    ['10.00', 'USD', 1000n],
    ['10', 'USD', 1000n],
    ['0.01', 'USD', 1n],
    ['5000', 'JPY', 5000n],
    ['1.234', 'KWD', 1234n],
    ['1.2345', 'CLF', 12345n],
    ['9'.repeat(MAX_AMOUNT_LENGTH), 'JPY', BigInt('9'.repeat(MAX_AMOUNT_LENGTH))],
  ])('reads %s %s in minor units', (amount, currency, expected) => {
    expect(read(amount, currency)).toEqual({ minorUnits: expected, issues: [] })
  })

  it.each([
    ['10.001', 'USD', 'amount:format'],
    ['5.5', 'JPY', 'amount:format'],
    ['0.00', 'USD', 'amount:out-of-range'],
    ['-1.00', 'USD', 'amount:out-of-range'],
    ['1e3', 'USD', 'amount:format'],
    ['01.00', 'USD', 'amount:format'],
    [' 1.00', 'USD', 'amount:format'],
    ['1'.repeat(MAX_AMOUNT_LENGTH + 1), 'JPY', 'amount:length'],
    ['1.00', 'usd', 'currency:format'],
    ['1.00', 'XAU', 'currency:format'],
  ])('refuses %j %s with %s', (amount, currency, issue) => {
    expect(read(amount, currency)).toEqual({ minorUnits: undefined, issues: [issue] })
  })

  it('checks only the shape when the currency is unknown', () => {
    expect(read('10.001', 'ZZZ').issues).toEqual(['currency:format'])
  })

  it('names the field, never the value, and treats a non-string as misuse', () => {
    const issues: FlexFieldIssue[] = []
    readDecimalAmount('test', 'data.amount', '4111111111111111.555', 2, issues)
    expect(JSON.stringify(issues)).not.toContain('4111')
    expect(issues[0]?.path).toBe('data.amount')
    for (const [amount, currency] of [
      [10, 'USD'],
      ['1', 7],
    ]) {
      expect(isUsageError(captureThrown(() => read(amount, currency)))).toBe(true)
    }
  })
})

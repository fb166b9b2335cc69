import { describe, expect, it, vi } from 'vitest'
import { FLEX_ERROR_CODES, FlexError, FlexValidationError, isFlexError } from './flex-error.js'

describe('FlexError', () => {
  it('keeps the stable codes', () => {
    expect(Object.values(FLEX_ERROR_CODES).every((code) => /^ERR_FLEX_[A-Z_]+$/.test(code))).toBe(
      true,
    )
    expect(new Set(Object.values(FLEX_ERROR_CODES)).size).toBe(
      Object.values(FLEX_ERROR_CODES).length,
    )
  })

  it('carries code, literal name, message and cause', () => {
    const cause = new Error('inner')
    const error = new FlexError('ERR_FLEX_NETWORK', 'request failed', { cause })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('FlexError')
    expect(error.code).toBe('ERR_FLEX_NETWORK')
    expect(error.message).toBe('request failed')
    expect(error.cause).toBe(cause)
    expect('cause' in new FlexError('ERR_FLEX_NETWORK', 'x')).toBe(false)
  })

  it('is recognised by isFlexError and isInstance, and nothing else is', () => {
    const error = new FlexError('ERR_FLEX_TIMEOUT', 'timed out')
    expect(isFlexError(error)).toBe(true)
    expect(FlexError.isInstance(error)).toBe(true)
    for (const value of [new Error('x'), null, undefined, 'ERR_FLEX_TIMEOUT', { code: 'x' }]) {
      expect(isFlexError(value)).toBe(false)
    }
  })

  it('is recognised across two copies of the module, where instanceof fails', async () => {
    vi.resetModules()
    const specifier = './flex-error.js?copy'
    const copy = (await import(/* @vite-ignore */ specifier)) as typeof import('./flex-error.js')
    expect(copy.FlexError).not.toBe(FlexError)
    const foreign = new copy.FlexValidationError('ERR_FLEX_DATA_INVALID', 'bad', [])
    expect(foreign instanceof FlexError).toBe(false)
    expect(FlexError.isInstance(foreign)).toBe(true)
    expect(FlexValidationError.isInstance(foreign)).toBe(true)
    expect(isFlexError(foreign)).toBe(true)
    expect(copy.FlexValidationError.isInstance(new FlexError('ERR_FLEX_HTTP', 'x'))).toBe(false)
  })

  it('keeps the marker out of JSON and key listings', () => {
    const error = new FlexError('ERR_FLEX_HTTP', 'x')
    expect(Object.keys(error)).toEqual(['name', 'code'])
    expect(JSON.stringify(error)).toBe('{"name":"FlexError","code":"ERR_FLEX_HTTP"}')
  })
})

describe('FlexValidationError', () => {
  it('lists each issue by path and rule in the message', () => {
    const error = new FlexValidationError('ERR_FLEX_DATA_INVALID', 'data is invalid', [
      { path: 'paymentInformation.card.number', reason: 'luhn', message: 'is not valid' },
      { path: 'orderInformation.billTo.email', reason: 'required', message: 'is required' },
    ])
    expect(error.message).toBe(
      'data is invalid: paymentInformation.card.number (luhn), orderInformation.billTo.email (required)',
    )
    expect(error.name).toBe('FlexValidationError')
    expect(Object.isFrozen(error.issues)).toBe(true)
    expect(FlexError.isInstance(error)).toBe(true)
  })

  it('lists the first 20 issues in the message and counts the rest', () => {
    const issues = Array.from({ length: 10_000 }, () => ({
      path: 'orderInformation.billTo.email',
      reason: 'duplicate' as const,
      message: 'is given twice',
    }))
    const error = new FlexValidationError('ERR_FLEX_DATA_INVALID', 'data is invalid', issues)
    expect(error.issues).toHaveLength(10_000)
    expect(error.message.split('(duplicate)')).toHaveLength(21)
    expect(error.message.endsWith(', and 9980 more')).toBe(true)
    expect(error.message.length).toBeLessThan(1000)
  })
})

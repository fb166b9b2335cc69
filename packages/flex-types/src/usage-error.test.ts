import { describe, expect, it } from 'vitest'
import { createUsageError, isUsageError, USAGE_ERROR_CODES } from './usage-error.js'

describe('createUsageError', () => {
  it('makes a TypeError with the stable code and the message `<caller>: <option> <problem>`', () => {
    const error = createUsageError('createFlexClient', 'timeout', 'must be a positive number')
    expect(error).toBeInstanceOf(TypeError)
    expect(error.code).toBe('ERR_INVALID_ARG_VALUE')
    expect(error.code).toBe(USAGE_ERROR_CODES.INVALID_ARG_VALUE)
    expect(error.message).toBe('createFlexClient: timeout must be a positive number')
    expect(Object.keys(error)).toEqual(['code'])
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code: 'ERR_INVALID_ARG_VALUE' })
  })

  it('keeps the code read-only', () => {
    const error = createUsageError('f', 'x', 'is wrong')
    expect(() => {
      ;(error as { code: string }).code = 'OTHER'
    }).toThrow(TypeError)
    expect(error.code).toBe('ERR_INVALID_ARG_VALUE')
  })
})

describe('isUsageError', () => {
  it('recognises its errors and any TypeError with the code, nothing else', () => {
    expect(isUsageError(createUsageError('f', 'x', 'is wrong'))).toBe(true)
    expect(isUsageError(Object.assign(new TypeError('x'), { code: 'ERR_INVALID_ARG_VALUE' }))).toBe(
      true,
    )
    expect(isUsageError(new TypeError('x'))).toBe(false)
    expect(isUsageError(Object.assign(new Error('x'), { code: 'ERR_INVALID_ARG_VALUE' }))).toBe(
      false,
    )
    expect(isUsageError({ code: 'ERR_INVALID_ARG_VALUE' })).toBe(false)
    expect(isUsageError(undefined)).toBe(false)
  })
})

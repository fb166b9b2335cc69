import { describe, expect, it } from 'vitest'
import { FLEX_ERROR_CODES, FlexError } from './flex-error.js'
import { FLEX_STORAGE_REASONS, FlexStorageError } from './flex-storage-error.js'

describe('FlexStorageError', () => {
  it('carries its code, reason and operation, and keeps the cause out of the message', () => {
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:6379')
    const error = new FlexStorageError(
      FLEX_STORAGE_REASONS.UNAVAILABLE,
      'the shared storage failed (setIfAbsent)',
      { operation: 'setIfAbsent' },
      { cause },
    )
    expect(error).toMatchObject({
      name: 'FlexStorageError',
      code: 'ERR_FLEX_STORAGE_FAILED',
      reason: 'unavailable',
      operation: 'setIfAbsent',
      message: 'the shared storage failed (setIfAbsent)',
    })
    expect(error.cause).toBe(cause)
    expect(FlexError.isInstance(error)).toBe(true)
  })

  it('is recognised by its mark, across copies, and not confused with another Flex error', () => {
    const marked = Object.create(null) as object
    Object.defineProperty(marked, Symbol.for('flex.error.storage'), { value: true })
    expect(FlexStorageError.isInstance(marked)).toBe(true)
    expect(
      FlexStorageError.isInstance(new FlexError(FLEX_ERROR_CODES.STORAGE_FAILED, 'storage')),
    ).toBe(false)
    expect(FlexStorageError.isInstance(null)).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { FlexCaptureContextError } from './flex-capture-context-error.js'
import { FLEX_ERROR_CODES, FlexError } from './flex-error.js'

describe('FlexCaptureContextError', () => {
  it('carries its code, message and the service identifiers it was given', () => {
    const error = new FlexCaptureContextError(
      'expired',
      'the capture context has expired; create a new session',
      { status: 400, serviceReason: 'CAPTURE_CONTEXT_EXPIRED', correlationId: 'corr-1' },
    )
    expect(error).toMatchObject({
      name: 'FlexCaptureContextError',
      code: 'ERR_FLEX_CAPTURE_CONTEXT_EXPIRED',
      message: 'the capture context has expired; create a new session',
      reason: 'expired',
      claim: undefined,
      status: 400,
      serviceReason: 'CAPTURE_CONTEXT_EXPIRED',
      correlationId: 'corr-1',
    })
    expect(FlexError.isInstance(error)).toBe(true)
  })

  it('is recognised by its mark, across copies, and not confused with another Flex error', () => {
    const copy = new FlexCaptureContextError('used-too-many-times', 'used')
    expect(copy.code).toBe(FLEX_ERROR_CODES.CAPTURE_CONTEXT_USED_TOO_MANY_TIMES)
    const marked = Object.create(null) as object
    Object.defineProperty(marked, Symbol.for('flex.error.capture-context'), { value: true })
    expect(FlexCaptureContextError.isInstance(copy)).toBe(true)
    expect(FlexCaptureContextError.isInstance(marked)).toBe(true)
    expect(
      FlexCaptureContextError.isInstance(new FlexError(FLEX_ERROR_CODES.TOKEN_EXPIRED, 'x')),
    ).toBe(false)
    expect(FlexCaptureContextError.isInstance(undefined)).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { createFaultInjector } from './fault-injector.js'

const usageError = (message: RegExp) =>
  expect.objectContaining({
    code: 'ERR_INVALID_ARG_VALUE',
    message: expect.stringMatching(message),
  })

describe('createFaultInjector', () => {
  it('refuses bad fault options with a usage error naming the option', () => {
    const faults = createFaultInjector()
    expect(() => faults.inject('nope' as 'tokens', { status: 500 })).toThrow(TypeError)
    expect(() => faults.inject('nope' as 'tokens', { status: 500 })).toThrow(
      usageError(/^faults\.inject: route must/),
    )
    expect(() => faults.inject('tokens', { status: 42 })).toThrow(usageError(/status/))
    expect(() => faults.inject('tokens', { times: 0 })).toThrow(usageError(/times/))
    expect(() => faults.inject('tokens', { latencyMs: 3e9 })).toThrow(usageError(/latencyMs/))
    expect(() => faults.inject('tokens', null as never)).toThrow(usageError(/fault must/))
    expect(() => faults.rateLimit('tokens', { limit: 1, windowMs: 0 })).toThrow(
      usageError(/windowMs/),
    )
    expect(() => faults.rateLimit('tokens', { limit: -1, windowMs: 10 })).toThrow(
      usageError(/^faults\.rateLimit: limit must/),
    )
    expect(() => faults.rateLimit('tokens', undefined as never)).toThrow(usageError(/limit/))
    expect(faults.decide('tokens')).toEqual({
      latencyMs: 0,
      dropConnection: false,
      dropAnswer: false,
    })
  })

  it('applies a counted fault that many times, in the order added', () => {
    const faults = createFaultInjector()
    faults.inject('*', { latencyMs: 5, times: 1 })
    faults.inject('sessions', { status: 503, retryAfterSeconds: 2, times: 2 })
    expect(faults.decide('sessions')).toEqual({
      latencyMs: 5,
      status: 503,
      retryAfterSeconds: 2,
      dropConnection: false,
      dropAnswer: false,
    })
    expect(faults.decide('tokens')).toEqual({
      latencyMs: 0,
      dropConnection: false,
      dropAnswer: false,
    })
    expect(faults.decide('sessions')).toMatchObject({ status: 503 })
    expect(faults.decide('sessions')).toEqual({
      latencyMs: 0,
      dropConnection: false,
      dropAnswer: false,
    })
  })
})

import { describe, expect, it } from 'vitest'
import { findFaultProblem, findRateLimitProblem } from './find-fault-problem.js'

describe('findFaultProblem', () => {
  it('names the member structurally, with the problem apart', () => {
    expect(findFaultProblem('sessions', { times: 0 })).toEqual({
      member: 'times',
      problem: expect.stringMatching(/^must be/),
    })
    expect(findFaultProblem('payments', { dropAnswer: 'yes' })).toEqual({
      member: 'dropAnswer',
      problem: 'must be a boolean',
    })
    expect(findFaultProblem('refunds', {})?.member).toBe('route')
    expect(findFaultProblem('tokens', 503)?.member).toBe('fault')
    expect(findFaultProblem('payments', { dropAnswer: true, times: 1 })).toBeUndefined()
  })
})

describe('findRateLimitProblem', () => {
  it('names the rate limit itself when it is not an object, else its member', () => {
    expect(findRateLimitProblem('tokens', 1)?.member).toBe('rateLimit')
    expect(findRateLimitProblem('tokens', { limit: 1 })).toEqual({
      member: 'windowMs',
      problem: 'is required',
    })
    expect(findRateLimitProblem('tokens', { limit: -1, windowMs: 1 })?.member).toBe('limit')
    expect(findRateLimitProblem('*', { limit: 1, windowMs: 1 })).toBeUndefined()
  })
})

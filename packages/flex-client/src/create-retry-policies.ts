import { FlexError } from 'flex-types'
import { isHTTPError, isTimeoutError, type RetryOptions } from 'ky'
import { failedBeforeSending } from './to-flex-error.js'

/** The retry settings once read: every member present. */
export interface RetrySettings {
  limit: number
  backoffLimit: number
  maxRetryAfter: number
}

/** The three ways a request may be repeated, as ky retry options. */
export interface RetryPolicies {
  /**
   * For a request whose repetition is harmless (a session POST only creates another capture
   * context): every transient failure is retried.
   */
  repeatable: RetryOptions
  /**
   * For a request whose every arrival may count (a tokens POST may use up one of the capture
   * context's few uses): retried only when it certainly did not arrive (no connection) or the
   * service said 503.
   */
  arrivalCounts: RetryOptions
  /**
   * For a request that may change something and has no idempotency key (a payment POST):
   * retried only when it certainly did not arrive (no connection), never after any answer.
   */
  unsentOnly: RetryOptions
}

/** Builds the three retry policies on one backoff: exponential from 300 ms, equal jitter. */
export function createRetryPolicies(retry: RetrySettings): RetryPolicies {
  const backoff = {
    limit: retry.limit,
    methods: ['post'],
    backoffLimit: retry.backoffLimit,
    maxRetryAfter: retry.maxRetryAfter,
    delay: (attempt: number) => 300 * 2 ** (attempt - 1),
    // "Equal jitter": at least half the backoff, so retries spread out but never stampede.
    jitter: (delay: number) => delay / 2 + (Math.random() * delay) / 2,
  } satisfies RetryOptions
  return {
    repeatable: {
      ...backoff,
      statusCodes: [408, 429, 502, 503, 504],
      afterStatusCodes: [429, 503],
      retryOnTimeout: true,
      shouldRetry: ({ error }) => {
        if (FlexError.isInstance(error)) return false
        if (isHTTPError(error) || isTimeoutError(error)) return undefined
        return true
      },
    },
    arrivalCounts: {
      ...backoff,
      statusCodes: [503],
      afterStatusCodes: [503],
      retryOnTimeout: false,
      shouldRetry: ({ error }) => {
        if (FlexError.isInstance(error) || isTimeoutError(error)) return false
        if (isHTTPError(error)) return undefined
        return failedBeforeSending(error)
      },
    },
    unsentOnly: {
      ...backoff,
      statusCodes: [],
      afterStatusCodes: [],
      retryOnTimeout: false,
      shouldRetry: ({ error }) => {
        if (FlexError.isInstance(error) || isTimeoutError(error) || isHTTPError(error)) return false
        return failedBeforeSending(error)
      },
    },
  }
}

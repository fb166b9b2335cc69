import type { FlexPublicJwk, FlexRetryOptions } from 'flex-types'
import { parseRetryAfter } from 'flex-types/internal'
import { fetchPublicKey, type PublicKeyFetchResult } from './fetch-public-key.js'

const BASE_BACKOFF = 250

/** How one key fetch retries: per-attempt timeout, overall deadline, backoff and Retry-After. */
export interface KeyFetchPolicy {
  origin: string
  fetch: typeof globalThis.fetch
  timeout: number
  deadline: number
  retry: Required<FlexRetryOptions>
  now: () => number
}

/** Waits `milliseconds`; resolves `false` at once when `signal` aborts first. */
function pause(milliseconds: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false)
    const stop = () => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop)
      resolve(true)
    }, milliseconds)
    signal.addEventListener('abort', stop, { once: true })
  })
}

async function attempt(
  kid: string,
  policy: KeyFetchPolicy,
  deadline: AbortSignal,
): Promise<PublicKeyFetchResult> {
  const controller = new AbortController()
  const abort = () => controller.abort()
  const timer = setTimeout(abort, policy.timeout)
  deadline.addEventListener('abort', abort, { once: true })
  if (deadline.aborted) abort()
  try {
    return await fetchPublicKey({
      origin: policy.origin,
      kid,
      fetch: policy.fetch,
      signal: controller.signal,
    })
  } finally {
    clearTimeout(timer)
    deadline.removeEventListener('abort', abort)
  }
}

function retryDelay(
  result: Extract<PublicKeyFetchResult, { ok: false }>,
  attempts: number,
  policy: KeyFetchPolicy,
): number {
  const retryAfter = parseRetryAfter(result.retryAfter, policy.now())
  if (retryAfter !== undefined) return Math.min(retryAfter, policy.retry.maxRetryAfter)
  const backoff = Math.min(BASE_BACKOFF * 2 ** attempts, policy.retry.backoffLimit)
  return backoff / 2 + Math.random() * (backoff / 2)
}

/**
 * Fetches a kid's JWK, retrying network errors, timeouts, 408, 429 and 5xx with jittered
 * exponential backoff (or the server's `Retry-After`, capped) until the retry limit or the
 * deadline (a timer, like each attempt's timeout) runs out. Throws the last
 * `FlexVerificationError`.
 */
export async function fetchPublicKeyWithRetry(
  kid: string,
  policy: KeyFetchPolicy,
): Promise<FlexPublicJwk> {
  const deadline = new AbortController()
  const deadlineTimer = setTimeout(() => deadline.abort(), policy.deadline)
  try {
    for (let attempts = 0; ; attempts += 1) {
      const result = await attempt(kid, policy, deadline.signal)
      if (result.ok) return result.jwk
      if (!result.retryable || attempts >= policy.retry.limit) throw result.error
      const waited = await pause(retryDelay(result, attempts, policy), deadline.signal)
      if (!waited) throw result.error
    }
  } finally {
    clearTimeout(deadlineTimer)
  }
}

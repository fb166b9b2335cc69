import type { FlexPublicJwk } from 'flex-types'
import { parseRetryAfter } from 'flex-types/internal'
import { fetchPublicKey, keyFailure } from './fetch-public-key.js'
import { FLEX_VERIFICATION_REASONS } from './flex-verification-error.js'

const BASE_BACKOFF = 250

/** How one key fetch retries: per-attempt timeout, overall deadline, backoff and Retry-After. */
export interface KeyFetchPolicy {
  origin: string
  fetch: typeof globalThis.fetch
  timeout: number
  deadline: number
  retries: number
  maxRetryAfter: number
}

const sleep = (milliseconds: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, milliseconds))

/**
 * Fetches a kid's JWK, retrying network errors, timeouts, 408, 429 and 5xx with jittered
 * exponential backoff (or the server's `Retry-After`, capped) until the retries or the deadline
 * run out. Throws the last `FlexVerificationError`.
 */
export async function fetchPublicKeyWithRetry(
  kid: string,
  policy: KeyFetchPolicy,
): Promise<FlexPublicJwk> {
  const deadlineAt = Date.now() + policy.deadline
  for (let attempt = 0; ; attempt += 1) {
    const remaining = deadlineAt - Date.now()
    if (remaining <= 0) {
      throw keyFailure(
        FLEX_VERIFICATION_REASONS.KEY_FETCH_FAILED,
        'the key fetch missed its deadline',
        kid,
      )
    }
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), Math.min(policy.timeout, remaining))
    const result = await fetchPublicKey({
      origin: policy.origin,
      kid,
      fetch: policy.fetch,
      signal: controller.signal,
    }).finally(() => clearTimeout(timer))
    if (result.ok) return result.jwk
    if (!result.retryable || attempt >= policy.retries) throw result.error
    const retryAfter = parseRetryAfter(result.retryAfter, Date.now())
    const backoff = BASE_BACKOFF * 2 ** attempt
    const delay =
      retryAfter === undefined
        ? backoff / 2 + Math.random() * (backoff / 2)
        : Math.min(retryAfter, policy.maxRetryAfter)
    if (Date.now() + delay >= deadlineAt) throw result.error
    await sleep(delay)
  }
}

import type { FlexSender } from './create-flex-sender.js'
import type { RetryPolicies } from './create-retry-policies.js'
import { type FlexApiResponse, readJsonResponse } from './read-json-response.js'
import type { CheckedRequest } from './read-request-options.js'

/**
 * An authenticated JSON call to any path of the client's origin. Only a GET is retried like a
 * session; any other method may change something and Cybersource has no idempotency key, so it
 * is repeated only when it certainly never left. An abort throws the signal's reason.
 */
export async function sendApiRequest(
  send: FlexSender,
  policies: RetryPolicies,
  request: CheckedRequest,
): Promise<FlexApiResponse> {
  const { method, url, body, signal, operation } = request
  signal?.throwIfAborted()
  const policy = method === 'GET' ? policies.repeatable : policies.unsentOnly
  const shouldRetry = policy.shouldRetry
  try {
    return await send(
      {
        operation,
        method,
        url,
        body,
        headers: {
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json;charset=utf-8' } : {}),
        },
        retry: {
          ...policy,
          methods: [method.toLowerCase()],
          shouldRetry: (state) => (signal?.aborted ? false : shouldRetry?.(state)),
        },
        authenticate: true,
        signal,
      },
      readJsonResponse,
    )
  } catch (error) {
    signal?.throwIfAborted()
    throw error
  }
}

import type { FlexHttpErrorDetails } from './flex-http-error.js'

/** What the message of an HTTP answer error is made of; `retryAfter` only for a 429. */
type DescribedFailure = FlexHttpErrorDetails & { retryAfter?: number | undefined }

function hintFor(failure: DescribedFailure): string | undefined {
  const { status, reason, path } = failure
  if (reason === 'CAPTURE_CONTEXT_EXPIRED')
    return 'the capture context has expired: create a new session'
  if (reason === 'CREATE_TOKEN_CAPTURE_CONTEXT_USED_TOO_MANY_TIMES') {
    return 'the capture context was used too many times: create a new session'
  }
  if (status === 401) {
    return 'check merchantId, keyId and sharedSecret, that they belong to the same environment (test or production) as the origin, and that the server clock is right (±5 minutes)'
  }
  if (status === 403) {
    return 'the credentials were recognized but may not make this call: check that Flex (Microform/Unified Checkout) is enabled for this merchant and that the key was made for it'
  }
  if (status === 404 && path.endsWith('/flex/v2/sessions')) {
    return "check the client's origin: it must be the API host of your environment (e.g. https://apitest.cybersource.com), with nothing in between that drops /flex/v2"
  }
  if (status === 429) {
    return failure.retryAfter === undefined
      ? 'too many requests: slow down and retry later'
      : `too many requests: retry after ${failure.retryAfter} s`
  }
  if (status >= 500 && status < 600) {
    return `the service failed: retry later${failure.correlationId ? `, and quote correlation id ${failure.correlationId} to support if it persists` : ''}`
  }
  return undefined
}

/**
 * The message of an HTTP answer error: the request, the status, the reason code, the fields, the
 * service's own explanation (already whitelisted) and a hint per status.
 */
export function describeHttpFailure(failure: DescribedFailure): string {
  const reason = failure.reason ? ` (${failure.reason})` : ''
  const fields =
    failure.fieldLocations && failure.fieldLocations.length > 0
      ? `; fields: ${failure.fieldLocations.join(', ')}`
      : ''
  const said = failure.serviceMessage ? `; the service said: "${failure.serviceMessage}"` : ''
  const hint = hintFor(failure)
  return `${failure.method} ${failure.path} failed with status ${failure.status}${reason}${fields}${said}${hint ? `; ${hint}` : ''}`
}

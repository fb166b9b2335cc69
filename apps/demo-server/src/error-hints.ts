/** What the agent can do about each error code, shown beside it on the page. */
const ERROR_HINTS: Readonly<Record<string, string>> = {
  ERR_FLEX_AUTHENTICATION: 'Check the three FLEX_* credential variables the demo was started with.',
  ERR_FLEX_CAPTURE_CONTEXT_EXPIRED: 'Submit again: a new session is created.',
  ERR_FLEX_CAPTURE_CONTEXT_USED_TOO_MANY_TIMES: 'Submit again: a new session is created.',
  ERR_FLEX_TOKEN_EXPIRED: 'Submit again: a new session is created.',
  ERR_FLEX_TOKEN_INVALID: 'Check FLEX_ENVIRONMENT or FLEX_ORIGIN: the keys come from elsewhere.',
  ERR_FLEX_TOKEN_ALREADY_USED:
    'Do not pay again: this card entry was paid once already. Find it under Transactions.',
  ERR_FLEX_STORAGE_FAILED:
    'The store of capture contexts (FLEX_DEMO_REDIS_URL) cannot be reached: nothing was charged. Submit again once it is back.',
  ERR_FLEX_NETWORK: 'Check the network and the Flex origin, then submit again.',
  ERR_FLEX_TIMEOUT: 'Check the network and the Flex origin, then submit again.',
  ERR_FLEX_RATE_LIMITED: 'Wait a moment, then submit again.',
  ERR_FLEX_SERVER: 'The service failed: wait a moment, then submit again.',
  ERR_FLEX_REQUEST_INVALID:
    'The service refused the request: read its reason, correct it and try again.',
  ERR_FLEX_DATA_INVALID: 'Correct the highlighted fields.',
  ERR_FLEX_PAYMENT_OUTCOME_UNKNOWN:
    'Do not take the payment again: undo it by its transaction id, then start a new payment.',
  ERR_FLEX_UNEXPECTED_RESPONSE:
    'The answer could not be read: look the payment up in the Business Center before trying again.',
  UNEXPECTED: 'Something went wrong in the demo: the log line names the error.',
}

/**
 * The hint for an error code, or a generic one.
 *
 * @example
 * ```ts
 * hintFor('ERR_FLEX_TOKEN_EXPIRED') // 'Submit again: a new session is created.'
 * ```
 */
export function hintFor(code: string): string {
  return ERROR_HINTS[code] ?? 'Try again; if it keeps failing, quote the correlation id.'
}

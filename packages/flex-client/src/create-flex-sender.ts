import { parseRetryAfter } from 'flex-types/internal'
import ky, { type RetryOptions } from 'ky'
import { createAuthenticationHeaders, importSharedSecret } from './create-authentication-headers.js'
import { readCorrelationIdHeader } from './create-flex-http-error.js'
import { callHook, type FlexOperation } from './flex-client-hooks.js'
import type { ClientConfig } from './read-client-options.js'
import { type FailedRequest, toFlexError } from './to-flex-error.js'

/** One request to the service, as an operation describes it. */
interface FlexSendRequest {
  operation: FlexOperation
  /** Upper-case HTTP method, e.g. `POST`. */
  method: string
  url: URL
  /** The exact bytes sent (and signed); none for a GET or a DELETE. */
  body: Uint8Array | undefined
  headers: Record<string, string>
  retry: RetryOptions
  /** Whether the merchant authentication headers are added (the tokens call has none). */
  authenticate: boolean
  signal?: AbortSignal | undefined
}

/** Reads a success answer into the operation's result; a Flex error is thrown as is. */
type ResponseReader<T> = (response: Response, request: FailedRequest) => Promise<T>

/** Sends one request with its retries, hooks and timeout, and reads the answer. */
export type FlexSender = <T>(request: FlexSendRequest, read: ResponseReader<T>) => Promise<T>

// `Retry-After` is read by flex-types' one parser, not by ky's (which also reads rate-limit
// headers and waits the whole cap for a value it cannot parse): ky gets no afterStatusCodes, and a
// status the policy lists there is retried from the afterResponse hook after the parsed wait.
function retryAfterWait(retry: RetryOptions, response: Response, retriesSoFar: number) {
  if (!(retry.afterStatusCodes ?? []).includes(response.status)) return undefined
  if (retriesSoFar >= (retry.limit ?? 0)) return undefined
  const wait = parseRetryAfter(response.headers.get('retry-after'), Date.now())
  return wait === undefined ? undefined : Math.min(wait, retry.maxRetryAfter ?? wait)
}

/**
 * The one place a request leaves the client: ky with the per-attempt timeout, the retry policy,
 * no redirects, the authentication headers signed again for every attempt, the hooks, and every
 * failure turned into a Flex error.
 */
export function createFlexSender(config: ClientConfig): FlexSender {
  const { credentials, authentication, timeout, fetch, hooks } = config
  const keyPromise = importSharedSecret(credentials.secret)
  // Surfaced on first use; never an unhandled rejection.
  keyPromise.catch(() => undefined)

  return async function send<T>(request: FlexSendRequest, read: ResponseReader<T>): Promise<T> {
    const { operation, method, url, body, signal } = request
    const failed: FailedRequest = {
      method,
      path: url.pathname,
      timeout,
      host: url.hostname,
      port: url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port),
    }
    const eventUrl = `${url.origin}${url.pathname}`
    let attempt = 0
    let startedAt = 0
    try {
      const response = await ky(url, {
        method: method.toLowerCase(),
        ...(body ? { body: body as Uint8Array<ArrayBuffer> } : {}),
        ...(signal ? { signal } : {}),
        headers: request.headers,
        timeout,
        retry: { ...request.retry, afterStatusCodes: [] },
        fetch,
        throwHttpErrors: true,
        // A redirect would resend the card data or the credentials somewhere unchecked.
        redirect: 'manual',
        hooks: {
          beforeRequest: [
            async (kyRequest) => {
              attempt += 1
              if (request.authenticate) {
                const { merchantId, keyId } = credentials
                const signed = await createAuthenticationHeaders(
                  authentication,
                  { merchantId, keyId, key: await keyPromise },
                  { method, url, body, now: new Date() },
                )
                for (const [name, value] of Object.entries(signed)) {
                  kyRequest.headers.set(name, value)
                }
              }
              callHook(hooks.beforeRequest, { operation, method, url: eventUrl, attempt })
              startedAt = Date.now()
            },
          ],
          afterResponse: [
            (_request, _options, response, state) => {
              callHook(hooks.afterResponse, {
                operation,
                method,
                url: eventUrl,
                attempt,
                status: response.status,
                duration: Date.now() - startedAt,
                correlationId: readCorrelationIdHeader(response.headers),
              })
              const wait = retryAfterWait(request.retry, response, state.retryCount)
              return wait === undefined ? undefined : ky.retry({ delay: wait })
            },
          ],
        },
      })
      return await read(response, failed)
    } catch (error) {
      throw await toFlexError(error, failed)
    }
  }
}

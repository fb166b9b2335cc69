import {
  type CaptureContext,
  FLEX_ENVIRONMENTS,
  type FlexEnvironment,
  FlexError,
  type SessionFieldSelection,
  type SessionFields,
} from 'flex-types'
import { buildSessionRequestBody, readFlexOrigin } from 'flex-types/internal'
import ky, { isHTTPError, isTimeoutError, type RetryOptions } from 'ky'
import {
  createAuthenticationHeaders,
  decodeCanonicalBase64,
  type FlexAuthentication,
  importSharedSecret,
  type SigningCredentials,
} from './create-authentication-headers.js'
import { readCorrelationIdHeader } from './create-flex-http-error.js'
import {
  FlexOriginNotAllowedError,
  FlexTimeoutError,
  FlexUnexpectedResponseError,
} from './errors.js'
import { readResponseText } from './read-response-text.js'
import { failedBeforeSending, toFlexError } from './to-flex-error.js'

/** The merchant credentials: kept in memory only (the secret as a non-extractable key). */
export interface FlexCredentials {
  /** The Cybersource merchant id (`v-c-merchant-id`, the JWT `iss`). */
  merchantId: string
  /** The id of the shared secret key (the JWT `kid`, the signature `keyid`). */
  keyId: string
  /** The shared secret as Cybersource issues it: canonical, padded base64. */
  sharedSecret: string
}

/** Retry settings; a number is the retry limit. */
export interface FlexRetryOptions {
  /** Retries after the first attempt (default 2; 0 turns retries off). */
  limit?: number
  /** The longest wait between attempts in milliseconds, before jitter (default 5000). */
  backoffLimit?: number
  /** The longest `Retry-After` honoured, in milliseconds; longer waits are capped (default 10000). */
  maxRetryAfter?: number
}

/** The two calls the client makes. */
export type FlexOperation = 'createSession' | 'createTransientToken'

/** What a hook learns before each attempt: no headers, no body. */
export interface FlexRequestEvent {
  operation: FlexOperation
  method: string
  /** Origin and path, without a query. */
  url: string
  /** 1 for the first attempt, 2 for the first retry… */
  attempt: number
}

/** What a hook learns after each answer: no headers but the correlation id, no body. */
export interface FlexResponseEvent extends FlexRequestEvent {
  status: number
  /** Milliseconds from sending to the response headers. */
  duration: number
  correlationId: string | undefined
}

/** Observers of every attempt; a hook that throws is ignored, it never breaks a request. */
export interface FlexClientHooks {
  beforeRequest?: (event: FlexRequestEvent) => void
  afterResponse?: (event: FlexResponseEvent) => void
}

interface FlexClientCommonOptions {
  credentials: FlexCredentials
  /** `'jwt'` (default) or `'http-signature'`. */
  authentication?: FlexAuthentication
  /** Milliseconds per attempt (default 30000). */
  timeout?: number
  retry?: number | FlexRetryOptions
  /** A fetch implementation (default `globalThis.fetch`). */
  fetch?: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>
  hooks?: FlexClientHooks
}

/** Options of `createFlexClient`: a Cybersource `environment` or an `origin` (the emulator). */
export type FlexClientOptions = FlexClientCommonOptions &
  (
    | { environment: FlexEnvironment; origin?: undefined }
    | { origin: string; environment?: undefined }
  )

/** A client bound to one origin and one merchant. */
export interface FlexClient {
  /** The API origin the client talks to, e.g. `https://apitest.cybersource.com`. */
  readonly origin: string
  /**
   * `POST /flex/v2/sessions`: the capture context JWT, not yet verified (verify it with
   * flex-jwt's `verifyCaptureContext`).
   *
   * @throws FlexValidationError for invalid fields (nothing is sent), or a Flex HTTP, network or
   * timeout error.
   * @example
   * ```ts
   * const jwt = await client.createSession(['paymentInformation.card.number'])
   * ```
   */
  createSession(fields: SessionFields | readonly SessionFieldSelection[]): Promise<string>
  /**
   * `POST {captureContext.tokensUrl}` with the JWE unchanged: the transient token JWT, not yet
   * verified (verify it with flex-jwt's `verifyTransientToken`).
   *
   * @throws FlexOriginNotAllowedError when `tokensUrl` is off the allow-list (nothing is sent), or
   * a Flex HTTP, network or timeout error.
   * @example
   * ```ts
   * const token = await client.createTransientToken(captureContext, jwe)
   * ```
   */
  createTransientToken(
    captureContext: Pick<CaptureContext, 'tokensUrl'>,
    jwe: string,
  ): Promise<string>
}

const DEFAULT_TIMEOUT = 30_000
const MAX_TIMEOUT = 2_147_483_647
const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/
const COMPACT_JWE =
  /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/
const IDENTIFIER = /^[\x21\x23-\x7e]{1,256}$/
const encoder = new TextEncoder()

function readOrigin(options: FlexClientOptions): { origin: string; allowed: Set<string> } {
  const origin = readFlexOrigin(options, { quote: true })
  if (origin === undefined) throw new TypeError('`environment` or `origin` is required')
  // Capture contexts from Cybersource name its Flex origin as their tokens URL.
  const allowed = new Set([origin])
  for (const environment of Object.values(FLEX_ENVIRONMENTS)) {
    if (environment.apiOrigin === origin) allowed.add(environment.flexOrigin)
  }
  return { origin, allowed }
}

function readCredentials(credentials: unknown): {
  merchantId: string
  keyId: string
  secret: Uint8Array
} {
  if (typeof credentials !== 'object' || credentials === null) {
    throw new TypeError('`credentials` must be an object with merchantId, keyId and sharedSecret')
  }
  const { merchantId, keyId, sharedSecret } = credentials as Record<string, unknown>
  if (typeof merchantId !== 'string' || !IDENTIFIER.test(merchantId)) {
    throw new TypeError('`credentials.merchantId` must be a non-empty string of visible ASCII')
  }
  if (typeof keyId !== 'string' || !IDENTIFIER.test(keyId)) {
    throw new TypeError('`credentials.keyId` must be a non-empty string of visible ASCII')
  }
  const secret = typeof sharedSecret === 'string' ? decodeCanonicalBase64(sharedSecret) : undefined
  if (secret === undefined) {
    throw new TypeError('`credentials.sharedSecret` must be canonical, padded base64')
  }
  return { merchantId, keyId, secret }
}

function readMilliseconds(value: unknown, name: string, fallback: number, minimum: number): number {
  if (value === undefined) return fallback
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < minimum ||
    value > MAX_TIMEOUT
  ) {
    throw new TypeError(`\`${name}\` must be an integer from ${minimum} to ${MAX_TIMEOUT}`)
  }
  return value
}

function readRetry(retry: unknown): Required<FlexRetryOptions> {
  const options: FlexRetryOptions =
    typeof retry === 'number'
      ? { limit: retry }
      : retry === undefined
        ? {}
        : (retry as FlexRetryOptions)
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('`retry` must be a number or an object')
  }
  const limit = options.limit ?? 2
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > 10) {
    throw new TypeError('`retry.limit` must be an integer from 0 to 10')
  }
  return {
    limit,
    backoffLimit: readMilliseconds(options.backoffLimit, 'retry.backoffLimit', 5_000, 0),
    maxRetryAfter: readMilliseconds(options.maxRetryAfter, 'retry.maxRetryAfter', 10_000, 0),
  }
}

function readHooks(hooks: unknown): FlexClientHooks {
  if (hooks === undefined) return {}
  if (typeof hooks !== 'object' || hooks === null) throw new TypeError('`hooks` must be an object')
  const { beforeRequest, afterResponse } = hooks as Record<string, unknown>
  for (const [name, hook] of [
    ['beforeRequest', beforeRequest],
    ['afterResponse', afterResponse],
  ] as const) {
    if (hook !== undefined && typeof hook !== 'function') {
      throw new TypeError(`\`hooks.${name}\` must be a function`)
    }
  }
  return hooks as FlexClientHooks
}

function callHook<Event>(hook: ((event: Event) => void) | undefined, event: Event): void {
  try {
    hook?.(event)
  } catch {
    // Observers must not change the outcome of a payment call.
  }
}

async function readJwt(
  response: Response,
  method: string,
  path: string,
  timeout: number,
): Promise<string> {
  const contentType = response.headers.get('content-type') ?? undefined
  const body = await readResponseText(response, timeout)
  if (!body.ok && body.reason === 'timeout') throw new FlexTimeoutError({ method, path, timeout })
  if (body.ok && COMPACT_JWT.test(body.text) && !/json/i.test(contentType ?? '')) return body.text
  throw new FlexUnexpectedResponseError({
    status: response.status,
    method,
    path,
    contentType: contentType?.split(';')[0]?.trim().slice(0, 100),
    correlationId: readCorrelationIdHeader(response.headers),
    bodyTooLarge: !body.ok,
  })
}

/**
 * Creates a Flex API v2 client for one merchant: authenticated `POST /flex/v2/sessions` (JWT or
 * HTTP Signature, protocol.md section 5) and the unauthenticated `POST /flex/v2/tokens`, with
 * per-attempt timeouts, safe retries and typed errors.
 *
 * @throws TypeError when an option is missing or malformed (the message names the option, never
 * its value).
 * @example
 * ```ts
 * const client = createFlexClient({
 *   environment: 'test',
 *   credentials: { merchantId, keyId, sharedSecret },
 * })
 * const jwt = await client.createSession([
 *   'paymentInformation.card.number',
 *   'paymentInformation.card.securityCode',
 *   { path: 'orderInformation.billTo.email', required: false },
 * ])
 * ```
 */
export function createFlexClient(options: FlexClientOptions): FlexClient {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('`options` must be an object')
  }
  const { origin, allowed } = readOrigin(options)
  const { merchantId, keyId, secret } = readCredentials(options.credentials)
  const authentication = options.authentication ?? 'jwt'
  if (authentication !== 'jwt' && authentication !== 'http-signature') {
    throw new TypeError("`authentication` must be 'jwt' or 'http-signature'")
  }
  const timeout = readMilliseconds(options.timeout, 'timeout', DEFAULT_TIMEOUT, 1)
  const retry = readRetry(options.retry)
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TypeError('`fetch` must be a function')
  }
  const fetch =
    options.fetch ??
    ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init))
  const hooks = readHooks(options.hooks)
  const keyPromise = importSharedSecret(secret)
  // Surfaced on first use; never an unhandled rejection.
  keyPromise.catch(() => undefined)

  const backoff = {
    limit: retry.limit,
    methods: ['post'],
    backoffLimit: retry.backoffLimit,
    maxRetryAfter: retry.maxRetryAfter,
    delay: (attempt: number) => 300 * 2 ** (attempt - 1),
    // "Equal jitter": at least half the backoff, so retries spread out but never stampede.
    jitter: (delay: number) => delay / 2 + (Math.random() * delay) / 2,
  } satisfies RetryOptions

  // A session POST has no side effect worth protecting: every failure worth a retry is retried.
  const sessionRetry: RetryOptions = {
    ...backoff,
    statusCodes: [408, 429, 502, 503, 504],
    afterStatusCodes: [429, 503],
    retryOnTimeout: true,
    shouldRetry: ({ error }) => {
      if (FlexError.isInstance(error)) return false
      if (isHTTPError(error) || isTimeoutError(error)) return undefined
      return true
    },
  }
  // Each tokens POST that reaches the service may use up one of the capture context's few uses:
  // only retry when it certainly did not arrive (no connection) or the service said 503.
  const tokensRetry: RetryOptions = {
    ...backoff,
    statusCodes: [503],
    afterStatusCodes: [503],
    retryOnTimeout: false,
    shouldRetry: ({ error }) => {
      if (FlexError.isInstance(error) || isTimeoutError(error)) return false
      if (isHTTPError(error)) return undefined
      return failedBeforeSending(error)
    },
  }

  async function post(
    operation: FlexOperation,
    url: URL,
    body: Uint8Array,
    headers: Record<string, string>,
    retryOptions: RetryOptions,
    authenticate: boolean,
  ): Promise<string> {
    const method = 'POST'
    const path = url.pathname
    const eventUrl = `${url.origin}${url.pathname}`
    let attempt = 0
    let startedAt = 0
    try {
      const response = await ky(url, {
        method: 'post',
        body: body as Uint8Array<ArrayBuffer>,
        headers,
        timeout,
        retry: retryOptions,
        fetch,
        throwHttpErrors: true,
        // A redirect would resend the card data or the credentials somewhere unchecked.
        redirect: 'manual',
        hooks: {
          beforeRequest: [
            async (request) => {
              attempt += 1
              if (authenticate) {
                const credentials: SigningCredentials = { merchantId, keyId, key: await keyPromise }
                const signed = await createAuthenticationHeaders(authentication, credentials, {
                  method,
                  url,
                  body,
                  now: new Date(),
                })
                for (const [name, value] of Object.entries(signed)) request.headers.set(name, value)
              }
              callHook(hooks.beforeRequest, { operation, method, url: eventUrl, attempt })
              startedAt = Date.now()
            },
          ],
          afterResponse: [
            (_request, _options, response) => {
              callHook(hooks.afterResponse, {
                operation,
                method,
                url: eventUrl,
                attempt,
                status: response.status,
                duration: Date.now() - startedAt,
                correlationId: readCorrelationIdHeader(response.headers),
              })
            },
          ],
        },
      })
      return await readJwt(response, method, path, timeout)
    } catch (error) {
      throw await toFlexError(error, { method, path, timeout })
    }
  }

  return {
    origin,
    createSession(fields) {
      try {
        const body = encoder.encode(JSON.stringify(buildSessionRequestBody(fields)))
        return post(
          'createSession',
          new URL('/flex/v2/sessions', origin),
          body,
          { 'content-type': 'application/json;charset=utf-8', accept: 'application/jwt' },
          sessionRetry,
          true,
        )
      } catch (error) {
        return Promise.reject(error)
      }
    },
    createTransientToken(captureContext, jwe) {
      try {
        if (typeof captureContext !== 'object' || captureContext === null) {
          throw new TypeError('`captureContext` must be a verified capture context')
        }
        if (typeof captureContext.tokensUrl !== 'string') {
          throw new TypeError('`captureContext.tokensUrl` must be a string')
        }
        if (typeof jwe !== 'string' || !COMPACT_JWE.test(jwe)) {
          throw new TypeError('`jwe` must be a compact JWE (five base64url segments)')
        }
        let url: URL
        try {
          url = new URL(captureContext.tokensUrl)
        } catch {
          throw new FlexOriginNotAllowedError('null')
        }
        if (!allowed.has(url.origin) || url.username !== '' || url.password !== '') {
          throw new FlexOriginNotAllowedError(url.origin)
        }
        return post(
          'createTransientToken',
          url,
          encoder.encode(jwe),
          { 'content-type': 'application/jwt', accept: 'application/jwt' },
          tokensRetry,
          false,
        )
      } catch (error) {
        return Promise.reject(error)
      }
    },
  }
}

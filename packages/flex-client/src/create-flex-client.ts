import type { CaptureContext, SessionFieldSelection, SessionFields } from 'flex-types'
import { createFlexSender } from './create-flex-sender.js'
import { createRetryPolicies } from './create-retry-policies.js'
import { postSession } from './post-session.js'
import { postTransientToken } from './post-transient-token.js'
import { type FlexClientOptions, readClientOptions } from './read-client-options.js'
import type { FlexApiResponse } from './read-json-response.js'
import { type FlexRequestOptions, readRequestOptions } from './read-request-options.js'
import { sendApiRequest } from './send-api-request.js'

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
   * @throws FlexOriginNotAllowedError when `tokensUrl` is off the allow-list, a `TypeError` with
   * `code: 'ERR_INVALID_ARG_VALUE'` for a malformed argument (nothing is sent in either case), or a
   * Flex HTTP, network or timeout error.
   * @example
   * ```ts
   * const token = await client.createTransientToken(captureContext, jwe)
   * ```
   */
  createTransientToken(
    captureContext: Pick<CaptureContext, 'tokensUrl'>,
    jwe: string,
  ): Promise<string>
  /**
   * An authenticated JSON call to any Cybersource REST path on `origin` (payments, captures,
   * refunds…), with the same authentication, timeout, hooks and typed errors as `createSession`.
   * Resolves for a 2xx with the parsed body (`undefined` when empty). A GET is retried like a
   * session; any other method only when no connection was made, since a repeat could charge
   * twice.
   *
   * @throws TypeError with `code: 'ERR_INVALID_ARG_VALUE'` for a bad method, a path with a scheme,
   * host, `..` or fragment, a body that is not JSON or over 64 KiB (nothing is sent); a Flex HTTP,
   * network or timeout error; FlexUnexpectedResponseError for a 2xx that is not JSON or over
   * 64 KiB; the signal's reason when it aborts.
   * @example
   * ```ts
   * const { status, body, correlationId } = await client.request({
   *   method: 'POST',
   *   path: '/pts/v2/payments',
   *   body: { clientReferenceInformation: { code: 'order-42' } },
   *   operation: 'authorizePayment',
   * })
   * ```
   */
  request(options: FlexRequestOptions): Promise<FlexApiResponse>
}

/**
 * Creates a Flex API v2 client for one merchant: authenticated `POST /flex/v2/sessions` (JWT or
 * HTTP Signature, docs/protocol.md section 5), the unauthenticated `POST /flex/v2/tokens` and
 * authenticated JSON calls to any other REST path of the origin (`request`), with
 * per-attempt timeouts, safe retries and typed errors.
 *
 * @throws TypeError with `code: 'ERR_INVALID_ARG_VALUE'` when an option is missing or malformed
 * (the message, `createFlexClient: <option> …`, names the option, never its value).
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
  const config = readClientOptions(options)
  const send = createFlexSender(config)
  const policies = createRetryPolicies(config.retry)
  return {
    origin: config.origin,
    async createSession(fields) {
      return postSession(send, config.origin, policies, fields)
    },
    async createTransientToken(captureContext, jwe) {
      return postTransientToken(send, config.allowedTokenOrigins, policies, captureContext, jwe)
    },
    async request(options) {
      return sendApiRequest(send, policies, readRequestOptions(options, config.origin))
    },
  }
}

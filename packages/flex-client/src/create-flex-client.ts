import type { CaptureContext, SessionFieldSelection, SessionFields } from 'flex-types'
import { createFlexSender } from './create-flex-sender.js'
import { createRetryPolicies } from './create-retry-policies.js'
import { postCaptureContextRequest, postSession } from './post-session.js'
import { postTransientToken } from './post-transient-token.js'
import { type FlexClientOptions, readClientOptions } from './read-client-options.js'
import type { FlexApiResponse } from './read-json-response.js'
import {
  type MicroformSessionOptions,
  readMicroformSessionOptions,
} from './read-microform-session-options.js'
import { type FlexRequestOptions, readRequestOptions } from './read-request-options.js'
import {
  readUnifiedCheckoutSessionOptions,
  type UnifiedCheckoutSessionOptions,
} from './read-unified-checkout-session-options.js'
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
   * `POST /microform/v2/sessions`: the capture context JWT for Microform Integration v2, not yet
   * verified (verify it on the server with flex-jwt's `verifyCaptureContext`, then give the page
   * the JWT with `microform.clientLibrary` and `microform.clientLibraryIntegrity`). Target
   * origins are checked first with the service's rules: https (http only for `localhost`), origin
   * only, 1 to 9.
   *
   * @throws FlexValidationError (`ERR_FLEX_SESSION_REQUEST_INVALID`) naming each wrong member by
   * its path (`targetOrigins[1]`), never its value; a `TypeError` with
   * `code: 'ERR_INVALID_ARG_VALUE'` for a member of the wrong type or unknown (nothing is sent in
   * either case); a Flex HTTP, network or timeout error.
   * @example
   * ```ts
   * const jwt = await client.createMicroformSession({
   *   targetOrigins: ['https://shop.example'],
   *   allowedCardNetworks: ['VISA', 'MASTERCARD'],
   *   allowedPaymentTypes: ['CARD'],
   * })
   * ```
   */
  createMicroformSession(options: MicroformSessionOptions): Promise<string>
  /**
   * `POST /uc/v1/sessions`: the capture context JWT for Unified Checkout, not yet verified (verify
   * it with flex-jwt's `verifyCaptureContext`). Target origins must be https (this service refuses
   * `http://localhost`), origin only, 1 to 7; the amount is a decimal string with at most the
   * currency's decimals, sent as `data.orderInformation.amountDetails`. Members beyond the typed
   * ones are sent as they are.
   *
   * @throws FlexValidationError (`ERR_FLEX_SESSION_REQUEST_INVALID`) naming each wrong member by
   * its path, never its value; a `TypeError` with `code: 'ERR_INVALID_ARG_VALUE'` for a member of
   * the wrong type or a body that is not JSON (nothing is sent in either case); a Flex HTTP,
   * network or timeout error.
   * @example
   * ```ts
   * const jwt = await client.createUnifiedCheckoutSession({
   *   targetOrigins: ['https://shop.example'],
   *   allowedCardNetworks: ['VISA', 'MASTERCARD'],
   *   allowedPaymentTypes: ['PANENTRY', 'CLICKTOPAY'],
   *   country: 'US',
   *   locale: 'en_US',
   *   amount: '21.00',
   *   currency: 'USD',
   * })
   * ```
   */
  createUnifiedCheckoutSession(options: UnifiedCheckoutSessionOptions): Promise<string>
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
    async createMicroformSession(options) {
      return postCaptureContextRequest(send, policies, {
        operation: 'createMicroformSession',
        url: new URL('/microform/v2/sessions', config.origin),
        body: readMicroformSessionOptions(options),
      })
    },
    async createUnifiedCheckoutSession(options) {
      return postCaptureContextRequest(send, policies, {
        operation: 'createUnifiedCheckoutSession',
        url: new URL('/uc/v1/sessions', config.origin),
        body: readUnifiedCheckoutSessionOptions(options),
      })
    },
    async createTransientToken(captureContext, jwe) {
      return postTransientToken(send, config.allowedTokenOrigins, policies, captureContext, jwe)
    },
    async request(options) {
      return sendApiRequest(send, policies, readRequestOptions(options, config.origin))
    },
  }
}

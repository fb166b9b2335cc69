import type { CaptureContext, SessionFieldSelection, SessionFields } from 'flex-types'
import { createFlexSender } from './create-flex-sender.js'
import { createRetryPolicies } from './create-retry-policies.js'
import { postSession } from './post-session.js'
import { postTransientToken } from './post-transient-token.js'
import { type FlexClientOptions, readClientOptions } from './read-client-options.js'

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
}

/**
 * Creates a Flex API v2 client for one merchant: authenticated `POST /flex/v2/sessions` (JWT or
 * HTTP Signature, docs/protocol.md section 5) and the unauthenticated `POST /flex/v2/tokens`, with
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
  }
}

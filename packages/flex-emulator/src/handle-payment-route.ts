import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EmulatorState } from './emulator-state.js'
import { refuse } from './error-body.js'
import { handleAuthorization } from './handle-authorization.js'
import { handlePaymentFollowOn } from './handle-payment-follow-ons.js'
import { transactionDetails } from './handle-transaction-details.js'
import type { PaymentMatch } from './match-payment-route.js'
import { TRANSACTION_ID_PATTERN } from './payment-record.js'
import { refusePayment } from './payment-refusal.js'
import { isRefusal, readPaymentBody } from './read-payment-request.js'
import { sendResponse } from './send-response.js'
import {
  type AuthenticatedRequest,
  authenticateMerchant,
} from './verify-merchant-authentication.js'

/** An answer of a payment route: status, JSON body and its media type. */
interface PaymentAnswer {
  status: number
  body: object
  contentType: string
}

const HAL = 'application/hal+json;charset=utf-8'
const JSON_TYPE = 'application/json;charset=utf-8'

const JTI = /^[A-Za-z0-9]{1,64}$/

function paymentDetails(state: EmulatorState, merchantId: string, jti: string): PaymentAnswer {
  const now = state.clock.now()
  const kid = JTI.test(jti) ? state.payments.issuedTokens.get(jti)?.kid : undefined
  const context = kid === undefined ? undefined : state.contextsByKid.get(kid)
  const token = state.transientTokens.get(jti)
  if (!token || !context || context.merchantId !== merchantId) {
    const refusal = refusePayment(
      now,
      'NOT_FOUND',
      'No transient token has this id for this merchant',
      [],
      404,
    )
    return { ...refusal, contentType: JSON_TYPE }
  }
  const card = token.maskedCard
  return {
    status: 200,
    contentType: JSON_TYPE,
    body: {
      paymentInformation: card
        ? { card: { number: { maskedValue: card.maskedNumber, bin: card.bin } } }
        : {},
    },
  }
}

/**
 * The payment routes: merchant authentication as for `/flex/v2/sessions` (nothing about the
 * body is revealed before it), then the JSON body, then the operation.
 */
function handlePaymentRoute(
  state: EmulatorState,
  match: PaymentMatch,
  request: AuthenticatedRequest,
): PaymentAnswer {
  const authentication = authenticateMerchant(state, request)
  if (!authentication.ok) {
    const refusal = refuse(
      401,
      'INVALID_APIKEY',
      `Authentication failed: ${authentication.problem}`,
    )
    return { ...refusal, contentType: JSON_TYPE }
  }
  const { merchantId } = authentication.merchant
  if (match.operation === 'payment-details')
    return paymentDetails(state, merchantId, match.id ?? '')
  if (match.operation === 'transaction-details') {
    const answer = transactionDetails(state, merchantId, match.id ?? '')
    return { ...answer, contentType: answer.status === 200 ? HAL : JSON_TYPE }
  }
  const now = state.clock.now()
  const body = readPaymentBody(request.headers['content-type'], request.body, now)
  if (isRefusal(body)) return { ...body, contentType: JSON_TYPE }
  if (match.id !== undefined && !TRANSACTION_ID_PATTERN.test(match.id)) {
    const refusal = refusePayment(
      now,
      'INVALID_DATA',
      'The id in the path is not a transaction id',
      [{ field: 'id', reason: 'INVALID_DATA' }],
    )
    return { ...refusal, contentType: JSON_TYPE }
  }
  const answer =
    match.operation === 'authorization'
      ? handleAuthorization(state, merchantId, body)
      : handlePaymentFollowOn(state, merchantId, match.operation, match.id, body)
  return { ...answer, contentType: answer.status === 201 ? HAL : JSON_TYPE }
}

/**
 * Answers a payment route on the wire; with `dropAnswer` (an injected fault) the request is
 * handled and its effects kept, then the connection is closed without the answer. Resolves with
 * the outcome to log.
 */
export function servePaymentRoute(
  state: EmulatorState,
  match: PaymentMatch,
  exchange: { request: IncomingMessage; response: ServerResponse; body: Buffer },
  dropAnswer: boolean,
): string {
  const { request, response, body } = exchange
  const answer = handlePaymentRoute(state, match, {
    method: request.method ?? 'GET',
    target: request.url ?? '/',
    headers: request.headers,
    body,
  })
  if (dropAnswer) {
    request.socket.destroy()
    return `dropped after ${answer.status} (injected)`
  }
  // Cybersource sends v-c-correlation-id with every answer; the payments API's bodies have no
  // correlationId member (the read-back's refusals do), so the header carries a fresh one.
  const correlationId =
    'correlationId' in answer.body ? String(answer.body.correlationId) : randomUUID()
  const headers = { 'Content-Type': answer.contentType, 'v-c-correlation-id': correlationId }
  sendResponse(response, answer.status, headers, JSON.stringify(answer.body), false)
  const reason = (answer.body as { reason?: unknown }).reason
  return answer.status < 300 ? String(answer.status) : `${answer.status} ${String(reason)}`
}

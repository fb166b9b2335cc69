import type { CaptureContext, CurrentDateOption, FlexFieldIssue } from 'flex-types'
import {
  createUsageError,
  readCurrencyCode,
  readCurrentDate,
  readDecimalAmount,
} from 'flex-types/internal'
import { createPaymentInputError } from './errors.js'
import type { AuthorizationResult } from './payment-results.js'
import type { PaymentsClient } from './payments-client.js'
import { type PaymentAddress, readBillTo } from './read-bill-to.js'
import { pick, readAmounts, readPaymentAnswer } from './read-payment-answer.js'
import { readClientReference, readCommonArguments, readTransactionId } from './read-resource-id.js'
import { checkEnvironment, readTokenInformation } from './read-transient-token.js'
import { sendPaymentRequest } from './send-payment-request.js'

/** Options of `authorizePayment`: the token (JWT or jti), the money, and references. */
export interface AuthorizePaymentOptions {
  /** The transient token as a compact JWT (`tokenInformation.transientTokenJwt`). */
  transientToken?: string
  /** Or its 64-character id (`tokenInformation.jti`). */
  jti?: string
  /** A decimal string with at most the currency's decimals, e.g. `"10.00"`. Never a number. */
  amount: string
  /** ISO 4217 code with a minor unit, e.g. `"USD"`. */
  currency: string
  /** `true` makes it a sale (authorization and capture). */
  capture?: boolean
  /** Your unique id for this request (1–64 of `A-Za-z0-9_-`); a random one when left out. */
  transactionId?: string
  /** Your order reference (`clientReferenceInformation.code`), 1–50 characters. */
  clientReference?: string
  billTo?: PaymentAddress
  /** The capture context the token was made with, to refuse one from another environment. */
  captureContext?: CaptureContext
  /** The clock for the token's `exp` check. */
  currentDate?: CurrentDateOption
  signal?: AbortSignal
}

const CALLER = 'authorizePayment'
const PATH = '/pts/v2/payments'
const STATUSES = [
  'AUTHORIZED',
  'PARTIAL_AUTHORIZED',
  'AUTHORIZED_PENDING_REVIEW',
  'AUTHORIZED_RISK_DECLINED',
  'PENDING_AUTHENTICATION',
  'PENDING_REVIEW',
  'DECLINED',
  'INVALID_REQUEST',
] as const

function buildAuthorizationBody(client: PaymentsClient, options: AuthorizePaymentOptions) {
  readCommonArguments(CALLER, client, options)
  if (options.capture !== undefined && typeof options.capture !== 'boolean') {
    throw createUsageError(CALLER, 'capture', 'must be a boolean')
  }
  const issues: FlexFieldIssue[] = []
  const now = readCurrentDate(CALLER, options.currentDate)
  const tokenInformation = readTokenInformation(CALLER, options, now, issues)
  const exponent = readCurrencyCode(CALLER, 'currency', options.currency, issues)
  readDecimalAmount(CALLER, 'amount', options.amount, exponent, issues)
  const transactionId = readTransactionId(CALLER, options.transactionId, issues)
  const code = readClientReference(CALLER, options.clientReference, issues)
  const billTo = readBillTo(CALLER, options.billTo, issues)
  checkEnvironment(CALLER, client.origin, options.captureContext, issues)
  if (issues.length > 0) throw createPaymentInputError(CALLER, issues)
  const body = {
    clientReferenceInformation: { ...(code === undefined ? {} : { code }), transactionId },
    ...(options.capture ? { processingInformation: { capture: true } } : {}),
    orderInformation: {
      amountDetails: { totalAmount: options.amount, currency: options.currency },
      ...(billTo ? { billTo } : {}),
    },
    tokenInformation,
  }
  return { body, transactionId }
}

/**
 * Authorizes a payment with a transient token (`POST /pts/v2/payments`); `capture: true` makes it
 * a sale. Every input is checked before the request (amount against the currency's decimals, the
 * token's `exp` read locally without verifying it). The request always carries a unique
 * `clientReferenceInformation.transactionId`. A decline is a result (`status: 'DECLINED'`), not an
 * exception. When no answer comes, the payment may have been made: it is never sent again and a
 * `FlexPaymentOutcomeUnknownError` tells you to call `reverseAfterTimeout` (or
 * `voidAfterTimeout` for a sale) with its `transactionId`.
 *
 * @example
 * ```ts
 * const result = await authorizePayment(client, { transientToken: jwt, amount: '10.00', currency: 'USD' })
 * if (result.status === 'AUTHORIZED') await capturePayment(client, { paymentId: result.id, amount: '10.00', currency: 'USD' })
 * else if (result.status === 'DECLINED') console.log(result.reason)
 * ```
 */
export async function authorizePayment(
  client: PaymentsClient,
  options: AuthorizePaymentOptions,
): Promise<AuthorizationResult> {
  const { body, transactionId } = buildAuthorizationBody(client, options)
  const recovery = options.capture ? 'voidAfterTimeout' : 'reverseAfterTimeout'
  return sendPaymentRequest(
    client,
    {
      operation: CALLER,
      path: PATH,
      body,
      signal: options.signal,
      outcome: { transactionId, recovery },
    },
    (response) => {
      const answer = readPaymentAnswer({
        operation: CALLER,
        path: PATH,
        response,
        statuses: STATUSES,
        idOptional: ['DECLINED', 'INVALID_REQUEST'],
        transactionId,
      })
      const { status, id, base, reason } = answer
      if (status === 'DECLINED' || status === 'INVALID_REQUEST')
        return { status, id, reason, ...base }
      const amounts = readAmounts(
        pick(answer.body, 'orderInformation', 'amountDetails'),
        'authorizedAmount',
        'totalAmount',
      )
      return { status, id: id ?? '', reason, ...base, ...amounts }
    },
  )
}

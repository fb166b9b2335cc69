import type { EmulatorState } from './emulator-state.js'
import type { InspectedTransientToken } from './inspected-transient-token.js'
import { currencyExponent, formatAmount, readAmount } from './payment-amount.js'
import {
  addFollowOn,
  makeRoomForPayment,
  openPaymentRecord,
  type PaymentRecord,
} from './payment-record.js'
import { type PaymentRefusal, refuseField, refusePayment } from './payment-refusal.js'
import { authorizationBody } from './payment-response.js'
import {
  type AuthorizationOutcome,
  decideAuthorization,
  partiallyAuthorized,
} from './payment-triggers.js'
import { randomDigits, randomUpperAlphanumeric } from './random-id.js'
import { readCardOverrides } from './read-card-overrides.js'
import {
  isRefusal,
  type JsonObject,
  optionalBoolean,
  optionalString,
  requiredString,
} from './read-payment-request.js'
import { resolveTransientToken } from './resolve-transient-token.js'

const AMOUNT = 'orderInformation.amountDetails.totalAmount'
const CURRENCY = 'orderInformation.amountDetails.currency'

/** Reads the amount and currency of a request (the currency checked against ISO 4217). */
export function readRequestAmount(
  body: JsonObject,
  now: Date,
  paths: { amount: string; currency: string },
  knownCurrency?: string,
): { minor: bigint; currency: string } | PaymentRefusal {
  const value = requiredString(body, paths.amount, now, 19)
  if (isRefusal(value)) return value
  const given = optionalString(body, paths.currency, now, 3)
  if (isRefusal(given)) return given
  const currency = given ?? knownCurrency
  if (currency === undefined)
    return refuseField(now, paths.currency, 'MISSING_FIELD', `${paths.currency} is required`)
  if (
    currencyExponent(currency) === undefined ||
    (knownCurrency !== undefined && currency !== knownCurrency)
  ) {
    return refuseField(
      now,
      paths.currency,
      'INVALID_DATA',
      `${paths.currency} must be the ISO 4217 code of the payment's currency`,
    )
  }
  const amount = readAmount(value, currency)
  if (typeof amount === 'string') {
    return refuseField(
      now,
      paths.amount,
      'INVALID_DATA',
      amount === 'decimals'
        ? `${paths.amount} has more decimals than the currency allows`
        : `${paths.amount} must be a decimal amount such as 10.00`,
    )
  }
  return amount
}

/**
 * `POST /pts/v2/payments`: an authorization (a sale with `processingInformation.capture`) of a
 * transient token this emulator issued to the merchant.
 */
export function handleAuthorization(
  state: EmulatorState,
  merchantId: string,
  body: JsonObject,
): { status: 201; body: object } | PaymentRefusal {
  const now = state.clock.now()
  const amount = readRequestAmount(body, now, { amount: AMOUNT, currency: CURRENCY })
  if (isRefusal(amount)) return amount
  const capture = optionalBoolean(body, 'processingInformation.capture', now)
  if (isRefusal(capture)) return capture
  const code = optionalString(body, 'clientReferenceInformation.code', now, 50)
  if (isRefusal(code)) return code
  const transactionId = optionalString(body, 'clientReferenceInformation.transactionId', now, 64)
  if (isRefusal(transactionId)) return transactionId
  const store = state.payments
  if (transactionId !== undefined && store.byTransactionId.has(`${merchantId} ${transactionId}`)) {
    return refusePayment(
      now,
      'DUPLICATE_REQUEST',
      'clientReferenceInformation.transactionId was used before',
      [{ field: 'clientReferenceInformation.transactionId', reason: 'INVALID_DATA' }],
    )
  }
  const resolved = resolveTransientToken(state, body, merchantId, now)
  if (isRefusal(resolved)) return resolved
  const card = readCardOverrides(body, now, resolved.facts)
  if (isRefusal(card)) return card
  const outcome = decideAuthorization({ minor: amount.minor, ...card })
  resolved.facts.used = true
  const payment = storePayment(state, {
    merchantId,
    outcome,
    amount,
    token: resolved.token,
    sale: capture === true,
    now,
    ...(transactionId === undefined ? {} : { transactionId }),
  })
  return {
    status: 201,
    body: authorizationBody(payment, outcome, {
      ...(code === undefined ? {} : { code }),
      reconciliationId: randomUpperAlphanumeric(16),
      approvalCode: randomDigits(6),
      // Never a card-like digit run: the test-output scan flags Luhn-valid runs that start 2 to 6.
      networkId: `0${randomDigits(14)}`,
    }),
  }
}

function storePayment(
  state: EmulatorState,
  input: {
    merchantId: string
    outcome: AuthorizationOutcome
    amount: { minor: bigint; currency: string }
    token: InspectedTransientToken
    sale: boolean
    now: Date
    transactionId?: string
  },
): PaymentRecord {
  const { outcome, amount, now, transactionId } = input
  const store = state.payments
  makeRoomForPayment(store, now)
  const authorizedMinor =
    outcome.status === 'DECLINED'
      ? 0n
      : outcome.status === 'PARTIAL_AUTHORIZED'
        ? partiallyAuthorized(amount.minor)
        : amount.minor
  const card = input.token.maskedCard
  const payment = openPaymentRecord({
    id: randomDigits(22),
    merchantId: input.merchantId,
    authorizationStatus: outcome.status,
    ...(outcome.reason === undefined ? {} : { authorizationReason: outcome.reason }),
    currency: amount.currency,
    requestedMinor: amount.minor,
    authorizedMinor,
    createdAt: now,
    ...(transactionId === undefined ? {} : { transactionId }),
    ...(card ? { card: { maskedNumber: card.maskedNumber, brand: card.brand } } : {}),
  })
  store.byId.set(payment.id, payment)
  if (transactionId !== undefined) {
    store.byTransactionId.set(`${input.merchantId} ${transactionId}`, { payment })
  }
  const amountText = formatAmount(authorizedMinor, amount.currency)
  payment.history.push({
    type: 'authorization',
    id: payment.id,
    status: outcome.status,
    amount: amountText,
    at: now,
  })
  if (input.sale && (outcome.status === 'AUTHORIZED' || outcome.status === 'PARTIAL_AUTHORIZED')) {
    // A sale: the capture shares the payment's id, so void and refund find it by that id.
    addFollowOn(store, payment, {
      id: payment.id,
      kind: 'capture',
      minor: authorizedMinor,
      refundedMinor: 0n,
      submittedAt: now,
      voided: false,
    })
    payment.history.push({
      type: 'capture',
      id: payment.id,
      status: 'PENDING',
      amount: amountText,
      at: now,
    })
  }
  return payment
}

import type { FlexFieldIssue } from 'flex-types'
import { createUsageError, isCompactJws, isJsonObject } from 'flex-types/internal'
import {
  createPaymentInputError,
  FLEX_PAYMENT_RESPONSE_REASONS,
  FlexPaymentResponseError,
} from './errors.js'
import type { PaymentsClient } from './payments-client.js'
import { ADDRESS_MEMBERS, MAX_ADDRESS_LENGTH, type PaymentAddress } from './read-bill-to.js'
import { keepAmount, keepCurrency, pick } from './read-payment-answer.js'
import { hasControlCharacter, readCommonArguments, readResourceId } from './read-resource-id.js'
import { decodeClaimsUnverified } from './read-transient-token.js'

/** What a transient token carries, read back: masked card facts, amount and addresses. */
export interface PaymentDetails {
  card:
    | {
        /** Masked, e.g. `XXXXXXXXXXXX1111`; an unmasked number is never kept. */
        maskedNumber: string | undefined
        bin: string | undefined
        /** Cybersource card type code, e.g. `001`. */
        type: string | undefined
        expirationMonth: string | undefined
        expirationYear: string | undefined
      }
    | undefined
  amount: { totalAmount: string | undefined; currency: string | undefined } | undefined
  billTo: PaymentAddress | undefined
  shipTo: PaymentAddress | undefined
  correlationId: string | undefined
}

/** Options of `getPaymentDetails`. */
export interface GetPaymentDetailsOptions {
  signal?: AbortSignal
}

const CALLER = 'getPaymentDetails'
const MASKED = /^(?=.{12,19}$)[0-9]{0,8}X{4,}[0-9]{0,4}$/
const DIGITS = /^[0-9]{1,8}$/

function readValue(member: unknown, pattern: RegExp): string | undefined {
  const value = typeof member === 'string' ? member : pick(member, 'value')
  return typeof value === 'string' && pattern.test(value) ? value : undefined
}

function readAddress(value: unknown): PaymentAddress | undefined {
  if (!isJsonObject(value)) return undefined
  const address: Record<string, string> = {}
  for (const [member, text] of Object.entries(value)) {
    const kept = readValue(text, /./)
    if (
      ADDRESS_MEMBERS.has(member) &&
      kept !== undefined &&
      kept.length <= MAX_ADDRESS_LENGTH &&
      !hasControlCharacter(kept)
    ) {
      address[member] = kept
    }
  }
  return Object.keys(address).length > 0 ? address : undefined
}

function readJti(transientToken: unknown, issues: FlexFieldIssue[]): string {
  if (typeof transientToken !== 'string') {
    throw createUsageError(
      CALLER,
      'transientToken',
      'must be a string (the compact JWT or its jti)',
    )
  }
  const jti = isCompactJws(transientToken)
    ? decodeClaimsUnverified(transientToken)?.jti
    : transientToken
  return readResourceId(CALLER, 'transientToken', typeof jti === 'string' ? jti : '', issues)
}

/**
 * Reads back what a transient token carries (`GET /flex/v2/payment-details/{jti}`): the masked
 * card, the amount and the addresses. Give the compact JWT (its `jti` is read without verifying
 * it) or the jti. Unknown members are dropped; a card number that is not masked is never kept.
 *
 * @example
 * ```ts
 * const details = await getPaymentDetails(client, token.jwt)
 * console.log(details.card?.maskedNumber) // 'XXXXXXXXXXXX1111'
 * ```
 */
export async function getPaymentDetails(
  client: PaymentsClient,
  transientToken: string,
  options: GetPaymentDetailsOptions = {},
): Promise<PaymentDetails> {
  readCommonArguments(CALLER, client, options)
  const issues: FlexFieldIssue[] = []
  const jti = readJti(transientToken, issues)
  if (issues.length > 0) throw createPaymentInputError(CALLER, issues)
  const path = `/flex/v2/payment-details/${jti}`
  const response = await client.request({
    method: 'GET',
    path,
    operation: CALLER,
    ...(options.signal ? { signal: options.signal } : {}),
  })
  const body = response.body
  if (!isJsonObject(body)) {
    throw new FlexPaymentResponseError({
      operation: CALLER,
      path,
      method: 'GET',
      status: response.status,
      reason: FLEX_PAYMENT_RESPONSE_REASONS.NOT_AN_OBJECT,
      correlationId: response.correlationId,
    })
  }
  const card = pick(body, 'paymentInformation', 'card')
  const amount = pick(body, 'orderInformation', 'amountDetails')
  return {
    card: isJsonObject(card)
      ? {
          maskedNumber: readValue(pick(card, 'number', 'maskedValue'), MASKED),
          bin: readValue(pick(card, 'number', 'bin'), DIGITS),
          type: readValue(card.type, /^[0-9]{3}$/),
          expirationMonth: readValue(card.expirationMonth, /^(0[1-9]|1[0-2])$/),
          expirationYear: readValue(card.expirationYear, /^[0-9]{4}$/),
        }
      : undefined,
    amount: isJsonObject(amount)
      ? {
          totalAmount: keepAmount(readValue(amount.totalAmount, /./)),
          currency: keepCurrency(readValue(amount.currency, /./)),
        }
      : undefined,
    billTo: readAddress(pick(body, 'orderInformation', 'billTo')),
    shipTo: readAddress(pick(body, 'orderInformation', 'shipTo')),
    correlationId: response.correlationId,
  }
}

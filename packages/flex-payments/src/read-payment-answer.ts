import { containsCardLikeDigits, isJsonObject } from 'flex-types/internal'
import { FLEX_PAYMENT_RESPONSE_REASONS, FlexPaymentResponseError } from './errors.js'
import type { PaymentAmounts, PaymentResultBase } from './payment-results.js'
import type { FlexApiResponse } from './payments-client.js'

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/
// At most 12 integer digits: no real amount is longer, and a 13–19 digit run may be a card number.
const AMOUNT = /^[0-9]{1,12}(\.[0-9]{1,4})?$/
const CURRENCY = /^[A-Z]{3}$/
const REASON = /^[A-Z][A-Z0-9_]{0,63}$/
const TIME = /^[0-9TZ:.+-]{1,40}$/

type Json = Record<string, unknown>

/** Reads one member along a path of objects; `undefined` when any step is missing. */
export function pick(body: unknown, ...path: string[]): unknown {
  let value = body
  for (const member of path) value = isJsonObject(value) ? value[member] : undefined
  return value
}

function keep(value: unknown, pattern: RegExp): string | undefined {
  return typeof value === 'string' && pattern.test(value) ? value : undefined
}

// Reasons and times are short codes: one holding a card-like digit run is an echo, never kept.
function keepText(value: unknown, pattern: RegExp): string | undefined {
  const kept = keep(value, pattern)
  return kept !== undefined && containsCardLikeDigits(kept) ? undefined : kept
}

/** A decimal amount string of the answer, or `undefined`. */
export function keepAmount(value: unknown): string | undefined {
  return keep(value, AMOUNT)
}

/** A currency code of the answer, or `undefined`. */
export function keepCurrency(value: unknown): string | undefined {
  return keep(value, CURRENCY)
}

/** What an answer is read against: where it came from and what it may say. */
export interface AnswerContext<Status extends string> {
  operation: string
  path: string
  response: FlexApiResponse
  statuses: readonly Status[]
  /** Statuses whose answer may lack an `id` (refusals). */
  idOptional?: readonly Status[]
  transactionId: string | undefined
}

/** The parts every answer shares; throws FlexPaymentResponseError for an unusable body. */
export function readPaymentAnswer<Status extends string>(
  context: AnswerContext<Status>,
): {
  body: Json
  status: Status
  id: string | undefined
  base: Omit<PaymentResultBase, 'id'>
  reason: string | undefined
} {
  const { operation, path, response, statuses } = context
  const fail = (reason: FlexPaymentResponseError['reason']) =>
    new FlexPaymentResponseError({
      operation,
      path,
      status: response.status,
      reason,
      correlationId: response.correlationId,
    })
  const body = response.body
  if (!isJsonObject(body)) throw fail(FLEX_PAYMENT_RESPONSE_REASONS.NOT_AN_OBJECT)
  const status = statuses.find((candidate) => candidate === body.status)
  if (status === undefined) throw fail(FLEX_PAYMENT_RESPONSE_REASONS.UNKNOWN_STATUS)
  const id = keep(body.id, SAFE_ID)
  if (id === undefined && !context.idOptional?.includes(status)) {
    throw fail(FLEX_PAYMENT_RESPONSE_REASONS.MISSING_ID)
  }
  return {
    body,
    status,
    id,
    reason: keepText(pick(body, 'errorInformation', 'reason'), REASON),
    base: {
      transactionId: context.transactionId,
      submitTimeUtc: keepText(body.submitTimeUtc, TIME),
      reconciliationId: keep(body.reconciliationId, SAFE_ID),
      correlationId: response.correlationId,
    },
  }
}

/** Reads `amount`, `requestedAmount` and `currency` from one object of the answer. */
export function readAmounts(details: unknown, amount: string, requested?: string): PaymentAmounts {
  return {
    amount: keepAmount(pick(details, amount)),
    requestedAmount: requested === undefined ? undefined : keepAmount(pick(details, requested)),
    currency: keepCurrency(pick(details, 'currency')),
  }
}

/** Reads an accepted answer: its status, `id`, base and the amounts in the member at `amountsAt`. */
export function readAmountAnswer<Status extends string>(
  context: AnswerContext<Status>,
  amountsAt: readonly string[],
  amount: string,
  requested?: string,
): { status: Status } & PaymentResultBase & PaymentAmounts {
  const answer = readPaymentAnswer(context)
  return {
    status: answer.status,
    id: answer.id ?? '',
    ...answer.base,
    ...readAmounts(pick(answer.body, ...amountsAt), amount, requested),
  }
}

import { containsCardLikeDigits, isJsonObject } from 'flex-types/internal'
import { FLEX_PAYMENT_RESPONSE_REASONS, FlexPaymentResponseError } from './errors.js'
import type { PaymentAmounts, PaymentProcessorFacts, PaymentResultBase } from './payment-results.js'
import type { FlexApiResponse } from './payments-client.js'

/** An id or reference of an answer: 1–64 letters, digits, `-` or `_`. */
export const SAFE_ID: RegExp = /^[A-Za-z0-9_-]{1,64}$/
// At most 12 integer digits: no real amount is longer, and a 13–19 digit run may be a card number.
const AMOUNT = /^[0-9]{1,12}(\.[0-9]{1,4})?$/
const CURRENCY = /^[A-Z]{3}$/
const REASON = /^[A-Z][A-Z0-9_]{0,63}$/
/** A submit time of an answer, ISO 8601 characters only. */
export const TIME: RegExp = /^[0-9TZ:.+-]{1,40}$/
// Lengths depend on the processor: approval codes are 6 characters for most, `OFFLINE` on Elavon;
// response codes may hold `,` or `:` (Atos `aa,bb`, Comercio Latino `2:R06`); AVS and CVN results
// are one-character codes. Ten characters at most, so no card number fits.
const APPROVAL_CODE = /^[A-Za-z0-9]{1,10}$/
const RESPONSE_CODE = /^[A-Za-z0-9][A-Za-z0-9:,]{0,9}$/
const RESULT_CODE = /^[A-Za-z0-9]{1,3}$/

type Json = Record<string, unknown>

/** Reads one member along a path of objects; `undefined` when any step is missing. */
export function pick(body: unknown, ...path: string[]): unknown {
  let value = body
  for (const member of path) value = isJsonObject(value) ? value[member] : undefined
  return value
}

/** `value` when it is a string matching `pattern`, else `undefined`. */
export function keep(value: unknown, pattern: RegExp): string | undefined {
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

/** Reads `processorInformation`; `undefined` when it holds no code of the documented shape. */
function readProcessorFacts(body: unknown): PaymentProcessorFacts | undefined {
  const processor = pick(body, 'processorInformation')
  const facts: PaymentProcessorFacts = {}
  const approvalCode = keep(pick(processor, 'approvalCode'), APPROVAL_CODE)
  const responseCode = keep(pick(processor, 'responseCode'), RESPONSE_CODE)
  const avsCode = keep(pick(processor, 'avs', 'code'), RESULT_CODE)
  const cvnCode = keep(pick(processor, 'cardVerification', 'resultCode'), RESULT_CODE)
  if (approvalCode !== undefined) facts.approvalCode = approvalCode
  if (responseCode !== undefined) facts.responseCode = responseCode
  if (avsCode !== undefined) facts.avsCode = avsCode
  if (cvnCode !== undefined) facts.cvnCode = cvnCode
  return Object.keys(facts).length > 0 ? facts : undefined
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
  const processor = readProcessorFacts(body)
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
      ...(processor === undefined ? {} : { processor }),
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

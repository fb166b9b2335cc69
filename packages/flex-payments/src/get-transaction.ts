import type { FlexFieldIssue } from 'flex-types'
import { isJsonObject } from 'flex-types/internal'
import {
  createPaymentInputError,
  FLEX_PAYMENT_RESPONSE_REASONS,
  FlexPaymentResponseError,
} from './errors.js'
import type { PaymentsClient } from './payments-client.js'
import { keep, keepAmount, keepCurrency, pick, SAFE_ID, TIME } from './read-payment-answer.js'
import { readCommonArguments, readResourceId } from './read-resource-id.js'

/** One service of a transaction (`applicationInformation.applications[]`), e.g. `ics_auth`. */
export interface TransactionApplication {
  name: string
  reasonCode: string | undefined
  /** `1` succeeded, `0` declined, `-1` error. */
  rCode: string | undefined
}

/** A transaction read back (`TssV2TransactionsGet200Response`, the members this package keeps). */
export interface TransactionDetails {
  id: string
  /** The id of the first transaction of the series (the authorization of a capture). */
  rootId: string | undefined
  /** As the service reports it, e.g. `AUTHORIZED`, `PENDING`, `TRANSMITTED`, `VOIDED`. */
  status: string | undefined
  submitTimeUtc: string | undefined
  /** `applicationInformation.reasonCode`, e.g. `100`. */
  reasonCode: string | undefined
  applications: TransactionApplication[]
  /** `orderInformation.amountDetails.totalAmount`. */
  amount: string | undefined
  authorizedAmount: string | undefined
  currency: string | undefined
  /** The card as its BIN (`prefix`) and last four digits (`suffix`); nothing else is kept. */
  card: { bin: string | undefined; lastFour: string | undefined } | undefined
  transactionId: string | undefined
  correlationId: string | undefined
}

/** Options of `getTransaction`. */
export interface GetTransactionOptions {
  /** The id of an authorization, capture, refund… */
  id: string
  signal?: AbortSignal
}

const CALLER = 'getTransaction'
const CODE = /^-?[0-9]{1,4}$/
const STATUS = /^[A-Z][A-Z_]{0,39}$/
const APPLICATION = /^[a-z][a-z_]{0,39}$/

function readApplications(value: unknown): TransactionApplication[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((entry) => {
    const name = keep(pick(entry, 'name'), APPLICATION)
    if (name === undefined) return []
    return [
      {
        name,
        reasonCode: keep(pick(entry, 'reasonCode'), CODE),
        rCode: keep(pick(entry, 'rCode'), CODE),
      },
    ]
  })
}

/**
 * Reads a transaction back (`GET /tss/v2/transactions/{id}`, the Transaction Details API): its
 * status, amounts, services and the card as BIN and last four. Unknown members are dropped.
 * The live service may need a few minutes before a new transaction can be read.
 *
 * @example
 * ```ts
 * const details = await getTransaction(client, { id: authorization.id })
 * console.log(details.status, details.applications.map((application) => application.name))
 * ```
 */
export async function getTransaction(
  client: PaymentsClient,
  options: GetTransactionOptions,
): Promise<TransactionDetails> {
  readCommonArguments(CALLER, client, options)
  const issues: FlexFieldIssue[] = []
  const id = readResourceId(CALLER, 'id', options.id, issues)
  if (issues.length > 0) throw createPaymentInputError(CALLER, issues)
  const path = `/tss/v2/transactions/${id}`
  const response = await client.request({
    method: 'GET',
    path,
    operation: CALLER,
    ...(options.signal ? { signal: options.signal } : {}),
  })
  const { body } = response
  const answeredId = keep(pick(body, 'id'), SAFE_ID)
  if (!isJsonObject(body) || answeredId === undefined) {
    throw new FlexPaymentResponseError({
      operation: CALLER,
      path,
      method: 'GET',
      status: response.status,
      reason: isJsonObject(body)
        ? FLEX_PAYMENT_RESPONSE_REASONS.MISSING_ID
        : FLEX_PAYMENT_RESPONSE_REASONS.NOT_AN_OBJECT,
      correlationId: response.correlationId,
    })
  }
  const amounts = pick(body, 'orderInformation', 'amountDetails')
  const card = pick(body, 'paymentInformation', 'card')
  return {
    id: answeredId,
    rootId: keep(body.rootId, SAFE_ID),
    status: keep(body.status, STATUS),
    submitTimeUtc: keep(body.submitTimeUTC, TIME),
    reasonCode: keep(pick(body, 'applicationInformation', 'reasonCode'), CODE),
    applications: readApplications(pick(body, 'applicationInformation', 'applications')),
    amount: keepAmount(pick(amounts, 'totalAmount')),
    authorizedAmount: keepAmount(pick(amounts, 'authorizedAmount')),
    currency: keepCurrency(pick(amounts, 'currency')),
    card: isJsonObject(card)
      ? { bin: keep(card.prefix, /^[0-9]{4,8}$/), lastFour: keep(card.suffix, /^[0-9]{4}$/) }
      : undefined,
    transactionId: keep(pick(body, 'clientReferenceInformation', 'transactionId'), SAFE_ID),
    correlationId: response.correlationId,
  }
}

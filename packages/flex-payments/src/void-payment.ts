import type { FlexFieldIssue } from 'flex-types'
import { createUsageError } from 'flex-types/internal'
import { createPaymentInputError } from './errors.js'
import type { VoidResult } from './payment-results.js'
import type { FlexApiResponse, PaymentsClient } from './payments-client.js'
import { readAmountAnswer } from './read-payment-answer.js'
import { readClientReference, readCommonArguments, readResourceId } from './read-resource-id.js'
import { sendPaymentRequest } from './send-payment-request.js'

const ROUTES = {
  paymentId: 'payments',
  captureId: 'captures',
  refundId: 'refunds',
  creditId: 'credits',
} as const

type VoidTarget = keyof typeof ROUTES

/** Options of `voidPayment`: exactly one of `paymentId`, `captureId`, `refundId`, `creditId`. */
export type VoidPaymentOptions = {
  [Target in VoidTarget]: { [Key in Target]: string } & {
    [Other in Exclude<VoidTarget, Target>]?: undefined
  }
}[VoidTarget] & {
  clientReference?: string
  signal?: AbortSignal
}

const CALLER = 'voidPayment'

/**
 * Voids a sale, capture, refund or credit before it settles
 * (`POST /pts/v2/{payments|captures|refunds|credits}/{id}/voids`).
 *
 * @example
 * ```ts
 * const result = await voidPayment(client, { captureId: capture.id })
 * console.log(result.status) // 'VOIDED'
 * ```
 */
export async function voidPayment(
  client: PaymentsClient,
  options: VoidPaymentOptions,
): Promise<VoidResult> {
  readCommonArguments(CALLER, client, options)
  const targets = (Object.keys(ROUTES) as VoidTarget[]).filter((key) => options[key] !== undefined)
  const [target] = targets
  if (target === undefined || targets.length > 1) {
    throw createUsageError(
      CALLER,
      'paymentId',
      'or captureId, refundId or creditId is required (one)',
    )
  }
  const issues: FlexFieldIssue[] = []
  const id = readResourceId(CALLER, target, options[target], issues)
  const code = readClientReference(CALLER, options.clientReference, issues)
  if (issues.length > 0) throw createPaymentInputError(CALLER, issues)
  const path = `/pts/v2/${ROUTES[target]}/${id}/voids`
  return sendPaymentRequest(
    client,
    {
      operation: CALLER,
      path,
      body: code === undefined ? {} : { clientReferenceInformation: { code } },
      signal: options.signal,
    },
    (response) => {
      return readVoidAnswer(CALLER, path, response, undefined)
    },
  )
}

/** Reads a `VOIDED` / `CANCELLED` / `FAILED` answer (`voidAmountDetails`). */
export function readVoidAnswer(
  operation: string,
  path: string,
  response: FlexApiResponse,
  transactionId: string | undefined,
): VoidResult {
  return readAmountAnswer(
    {
      operation,
      path,
      response,
      statuses: ['VOIDED', 'CANCELLED', 'FAILED'] as const,
      transactionId,
    },
    ['voidAmountDetails'],
    'voidAmount',
    'originalTransactionAmount',
  )
}

import {
  FLEX_ERROR_CODES,
  FLEX_FIELD_PATHS,
  type FlexFieldIssue,
  type FlexFieldPath,
  validatePaymentData,
} from 'flex-types'
import type { Context, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import {
  type AppContext,
  inFormOrder,
  page,
  readFormPost,
  refuseUnknownQuery,
} from './app-context.js'
import type { DemoEnv } from './create-app.js'
import { FIELD_CATALOG } from './field-catalog.js'
import { type FieldSelection, fieldSelectionQuery, readFieldSelection } from './field-selection.js'
import { alreadyPaidAnswer, logSubmission } from './log-submission.js'
import { claimFormPayment } from './payments/claim-form-payment.js'
import { readPaymentRequest } from './payments/read-payment-request.js'
import { type PaymentRequest, takePayment } from './payments/take-payment.js'
import { newLocalId, type Transaction } from './payments/transaction-store.js'
import { type FlowSubmission, runTokenizationFlow } from './run-tokenization-flow.js'
import { newFormReference, readFormReference } from './verify-and-consume.js'
import { FieldsPage } from './views/fields-page.js'
import { ResultPage } from './views/result-page.js'
import { type PaymentIntent, TerminalPage, type TerminalPageProps } from './views/terminal-page.js'

function readSubmittedValues(body: Record<string, unknown>): Map<FlexFieldPath, string> {
  const values = new Map<FlexFieldPath, string>()
  for (const path of FLEX_FIELD_PATHS) {
    const value = body[path]
    if (value !== undefined) values.set(path, typeof value === 'string' ? value.trim() : '')
  }
  return values
}

/**
 * Reads the posted intent: `sale` (the default) or `authorize`; anything else is refused (400).
 *
 * @example
 * ```ts
 * readIntent(body.intent) // 'sale'
 * ```
 */
export function readIntent(value: unknown): PaymentIntent {
  if (value === undefined || value === 'sale') return 'sale'
  if (value === 'authorize') return 'authorize'
  throw new HTTPException(400, { message: 'choose Authorize or Sale' })
}

// A form from before references (or a client without one) gets a new one: it is still one form.
function readReference(value: unknown): string {
  if (value === undefined) return newFormReference()
  const reference = readFormReference(value)
  if (reference === undefined) {
    throw new HTTPException(400, { message: 'The form reference is malformed: reload the form.' })
  }
  return reference
}

/** The amount's issues with the form's own (which win on the same field): one summary. */
function withFormIssues(
  selection: FieldSelection,
  values: ReadonlyMap<FlexFieldPath, string>,
  paymentIssues: readonly FlexFieldIssue[],
  now: Date,
): FlexFieldIssue[] {
  const { issues } = validatePaymentData(Object.fromEntries(values), {
    requiredFields: selection.required,
    optionalFields: selection.optional,
    currentDate: now,
  })
  const paths = new Set(issues.map((issue) => issue.path))
  return [...issues, ...paymentIssues.filter((issue) => !paths.has(issue.path))]
}

function formPage(
  ctx: AppContext,
  c: Context,
  selection: FieldSelection,
  props: Partial<TerminalPageProps> & Pick<TerminalPageProps, 'reference'>,
  status: 422 | 500 | 502 | 503,
): Response | Promise<Response> {
  return c.html(
    page(
      <TerminalPage
        target={ctx.deps.target}
        selection={selection}
        now={ctx.now()}
        testTriggers={ctx.deps.testTriggers}
        {...props}
      />,
    ),
    status,
  )
}

/** What paying a form did: the transaction it made, or the receipt of an earlier payment. */
interface FormPayment {
  transaction?: Transaction
  alreadyPaid?: { receiptId?: string }
}

/** The flow's last step: claims the form (once across the fleet), then pays, filling `paid`. */
function payOnce(
  ctx: AppContext,
  form: { request: PaymentRequest; reference: string; receiptId: string; submittedAt: Date },
  paid: FormPayment,
): NonNullable<FlowSubmission['pay']> {
  const { deps } = ctx
  const { request, reference, receiptId, submittedAt } = form
  return async (token, captureContext) => {
    // Claimed only now: a form shown again after an earlier error was never claimed.
    const claim = await claimFormPayment(deps.storage, reference, receiptId)
    if (!claim.claimed) {
      paid.alreadyPaid = claim
      throw new Error('the form was already paid')
    }
    let transaction: Transaction
    try {
      transaction = await takePayment(
        deps.paymentsClient,
        token,
        captureContext,
        request,
        submittedAt,
      )
    } catch (error) {
      // Refused, nothing charged: the form shown again with the failure can be sent again.
      await claim
        .release()
        .catch(() =>
          deps.log({ level: 'warn', msg: 'payment form', reference, outcome: 'claim-kept' }),
        )
      throw error
    }
    paid.transaction = transaction
    ctx.transactions.add(transaction.id, transaction)
  }
}

async function payFromForm(ctx: AppContext, c: Context<DemoEnv>): Promise<Response> {
  const { deps } = ctx
  const { selection, problems } = readFieldSelection(new URL(c.req.url).searchParams)
  c.header('cache-control', 'no-store')
  if (problems.length > 0) {
    return c.html(
      page(<FieldsPage target={deps.target} selection={selection} problems={problems} />),
      400,
    )
  }
  const body = await readFormPost(c)
  const values = readSubmittedValues(body)
  const intent = readIntent(body.intent)
  const reference = readReference(body.reference)
  const submittedAt = ctx.now()
  const kept = new Map([...values].filter(([path]) => !FIELD_CATALOG[path].sensitive))
  const payment = readPaymentRequest(selection, values, intent)
  if (payment.kind === 'invalid') {
    const all = withFormIssues(selection, values, payment.issues, submittedAt)
    deps.log({
      level: 'info',
      msg: 'payment form',
      requestId: c.get('requestId'),
      outcome: 'invalid',
      issues: all.map((issue) => ({ path: issue.path, reason: issue.reason })),
    })
    return formPage(
      ctx,
      c,
      selection,
      { reference, values: kept, intent, issues: inFormOrder(all) },
      422,
    )
  }
  const paid: FormPayment = {}
  const receiptId = newLocalId()
  const request = payment.kind === 'payment' ? payment.request : undefined
  const report = await runTokenizationFlow(deps, selection, values, {
    reference,
    now: submittedAt,
    pay: request ? payOnce(ctx, { request, reference, receiptId, submittedAt }, paid) : undefined,
  })
  const { transaction, alreadyPaid } = paid
  if (alreadyPaid) return alreadyPaidAnswer(ctx, c, reference, alreadyPaid.receiptId)
  logSubmission(ctx, c, reference, report, transaction)
  if (report.outcome === 'invalid') {
    return formPage(
      ctx,
      c,
      selection,
      { reference, values: kept, intent, issues: inFormOrder(report.issues) },
      422,
    )
  }
  if (report.outcome === 'failed') {
    const { code } = report.error
    const status =
      code === 'UNEXPECTED' ? 500 : code === FLEX_ERROR_CODES.STORAGE_FAILED ? 503 : 502
    return formPage(ctx, c, selection, { reference, values: kept, intent, failure: report }, status)
  }
  const receipt = {
    id: receiptId,
    report,
    query: fieldSelectionQuery(selection),
    ...(transaction ? { transactionId: transaction.id } : {}),
  }
  ctx.receipts.add(receipt.id, receipt)
  return c.redirect(`/receipts/${receipt.id}`, 303)
}

/**
 * The payment form's routes: `POST /payments` runs the flow and pays, then redirects to the
 * receipt (post/redirect/get: a reload shows it again, never pays again); `GET /receipts/:id`.
 *
 * @example
 * ```ts
 * registerPaymentRoutes(app, { deps, now, transactions, receipts })
 * ```
 */
export function registerPaymentRoutes(app: Hono<DemoEnv>, ctx: AppContext): void {
  const { deps } = ctx
  app.post('/payments', (c) => payFromForm(ctx, c))

  app.get('/receipts/:id', (c) => {
    const receipt = ctx.receipts.get(c.req.param('id'))
    if (!receipt) throw new HTTPException(404, { message: 'This receipt is not kept (any more).' })
    refuseUnknownQuery(c, [])
    c.header('cache-control', 'no-store')
    const transaction = receipt.transactionId
      ? ctx.transactions.get(receipt.transactionId)
      : undefined
    return c.html(
      page(
        <ResultPage
          target={deps.target}
          query={receipt.query}
          report={receipt.report}
          transaction={transaction}
          now={ctx.now()}
          checkout={receipt.checkout === true}
        />,
      ),
    )
  })
}

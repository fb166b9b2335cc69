import type { Context } from 'hono'
import { type AppContext, page } from './app-context.js'
import type { DemoEnv } from './create-app.js'
import type { Transaction } from './payments/transaction-store.js'
import { roundDuration } from './round-duration.js'
import type { TokenizationReport } from './tokenization-report.js'
import { ErrorPage } from './views/error-page.js'

/**
 * Logs one submission of the terminal form: its reference, each step's time, the issues by field
 * and reason, the failure's code, the token's short id and the transaction; never a value.
 *
 * @example
 * ```ts
 * logSubmission(ctx, c, reference, report, transaction)
 * ```
 */
export function logSubmission(
  ctx: AppContext,
  c: Context<DemoEnv>,
  reference: string,
  report: TokenizationReport,
  transaction?: Transaction,
): void {
  ctx.deps.log({
    level: report.outcome === 'failed' ? 'warn' : 'info',
    msg: 'payment form',
    requestId: c.get('requestId'),
    reference,
    outcome: report.outcome,
    steps: report.steps.map((step) => ({
      step: step.step,
      ok: step.ok,
      durationMs: roundDuration(step.durationMs),
    })),
    ...(report.outcome === 'invalid'
      ? { issues: report.issues.map((issue) => ({ path: issue.path, reason: issue.reason })) }
      : {}),
    ...(report.outcome === 'failed'
      ? {
          failedStep: report.failedStep,
          code: report.error.code,
          correlationId: report.error.correlationId,
        }
      : {}),
    ...(report.outcome === 'tokenized' ? { token: report.token.shortId } : {}),
    ...(transaction
      ? {
          transaction: transaction.id,
          kind: transaction.kind,
          status: transaction.status,
          reason: transaction.reason,
          amount: transaction.requestedAmount,
          currency: transaction.currency,
          outcomeUnknown: transaction.pendingRecovery !== undefined,
        }
      : {}),
  })
}

/**
 * The answer to a terminal form sent again once paid (a double click, another tab): 303 to its
 * first receipt when this server has it, else 409 with a link to the transactions list.
 *
 * @example
 * ```ts
 * if (!claim.claimed) return alreadyPaidAnswer(ctx, c, reference, claim.receiptId)
 * ```
 */
export function alreadyPaidAnswer(
  ctx: AppContext,
  c: Context<DemoEnv>,
  reference: string,
  receiptId: string | undefined,
): Response | Promise<Response> {
  ctx.deps.log({
    level: 'warn',
    msg: 'payment form',
    requestId: c.get('requestId'),
    reference,
    outcome: 'already-paid',
  })
  if (receiptId !== undefined && ctx.receipts.get(receiptId)) {
    return c.redirect(`/receipts/${receiptId}`, 303)
  }
  return c.html(
    page(
      <ErrorPage
        target={ctx.deps.target}
        heading="This form was already sent"
        message="Its payment was taken once, here or on another server: it is not taken again."
        link={{ href: '/transactions', label: 'See the transactions' }}
      />,
    ),
    409,
  )
}

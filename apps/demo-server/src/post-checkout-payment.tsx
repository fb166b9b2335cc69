import { isCompactJws } from 'flex-types/internal'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { type AppContext, page, readFormPost } from './app-context.js'
import {
  type CheckoutCustomer,
  type CheckoutLibrary,
  checkoutOf,
  payCheckout,
} from './checkout-flow.js'
import type { CheckoutFunctions } from './checkout-functions.js'
import {
  checkoutClaimTtl,
  loadCheckout,
  loadCheckoutContext,
  type StoredCheckout,
} from './checkout-store.js'
import type { DemoEnv } from './create-app.js'
import { type DescribedError, describeError } from './describe-error.js'
import { claimFormPayment, type FormPaymentClaim } from './payments/claim-form-payment.js'
import { newLocalId } from './payments/transaction-store.js'
import { roundDuration } from './round-duration.js'
import { FLOW_STEPS, type FlowStep, type TokenizationReport } from './tokenization-report.js'
import { refusalStatus } from './verify-and-consume.js'
import { CheckoutPage } from './views/checkout-page.js'
import { ErrorPage } from './views/error-page.js'

const MAX_NAME_LENGTH = 60

/**
 * The checkout page's Content-Security-Policy: it runs its own script and the library, frames
 * only the library's origin, posts only to itself, and fetches nothing.
 *
 * @example
 * ```ts
 * c.header('content-security-policy', checkoutPolicy(checkout.library))
 * ```
 */
export function checkoutPolicy(library: CheckoutLibrary): string {
  return [
    "default-src 'none'",
    `script-src 'self' ${library.origin}`,
    `frame-src ${library.origin}`,
    "style-src 'self'",
    "img-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

function readName(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key]
  if (value === undefined || value === '') return undefined
  if (typeof value !== 'string' || value.trim().length > MAX_NAME_LENGTH) {
    throw new HTTPException(400, {
      message: `The ${key === 'firstName' ? 'first' : 'last'} name must be text of at most ${MAX_NAME_LENGTH} characters.`,
    })
  }
  return value.trim() || undefined
}

/**
 * Logs one checkout event: the outcome and each step's duration, never the card, token or names.
 *
 * @example
 * ```ts
 * logCheckout(ctx, c, 'open', checkout.steps, { checkout: checkout.id })
 * ```
 */
export function logCheckout(
  ctx: AppContext,
  c: Context<DemoEnv>,
  outcome: 'open' | 'paid' | 'failed',
  steps: TokenizationReport['steps'],
  details: Record<string, unknown>,
): void {
  ctx.deps.log({
    level: outcome === 'failed' ? 'warn' : 'info',
    msg: 'checkout',
    requestId: c.get('requestId'),
    outcome,
    steps: steps.map((step) => ({
      step: step.step,
      ok: step.ok,
      durationMs: roundDuration(step.durationMs),
    })),
    ...details,
  })
}

/**
 * What a log line says of a failed step: the step, the error code and its correlation id.
 *
 * @example
 * ```ts
 * logCheckout(ctx, c, 'failed', [], failureDetails(opened.step, opened.error))
 * ```
 */
export function failureDetails(step: FlowStep, error: DescribedError): Record<string, unknown> {
  return { failedStep: step, code: error.code, correlationId: error.correlationId }
}

function refuseUnknownCheckout(): never {
  throw new HTTPException(404, { message: 'This checkout is not kept (any more): open a new one.' })
}

function storageFailure(ctx: AppContext, c: Context<DemoEnv>, error: unknown, checkout?: string) {
  const described = describeError(error)
  logCheckout(ctx, c, 'failed', [], { ...(checkout ? { checkout } : {}), code: described.code })
  const message = `Nothing was charged (${described.code}): ${described.message}. Try again shortly.`
  const heading = 'The checkout could not be reached'
  return c.html(
    page(<ErrorPage target={ctx.deps.target} heading={heading} message={message} />),
    503,
  )
}

function readCustomer(body: Record<string, unknown>): CheckoutCustomer {
  const firstName = readName(body, 'firstName')
  const lastName = readName(body, 'lastName')
  return { ...(firstName ? { firstName } : {}), ...(lastName ? { lastName } : {}) }
}

async function showFailure(
  ctx: AppContext,
  c: Context<DemoEnv>,
  stored: StoredCheckout,
  customer: CheckoutCustomer,
  failed: { step: FlowStep; error: DescribedError },
) {
  const { deps } = ctx
  logCheckout(ctx, c, 'failed', [], {
    checkout: stored.id,
    ...failureDetails(failed.step, failed.error),
  })
  const status =
    failed.step === 'verify-transient-token'
      ? refusalStatus(failed.error.code)
      : failed.error.code === 'UNEXPECTED'
        ? 500
        : 502
  const verify = (deps.checkout as CheckoutFunctions).verifyCaptureContext
  const captureContext = await loadCheckoutContext(verify, stored)
  const checkout = captureContext && checkoutOf(stored, captureContext)
  if (!checkout) {
    const message = `${FLOW_STEPS[failed.step]} failed: ${failed.error.code}. ${failed.error.message}. This checkout cannot be shown again: open a new one.`
    const link = { href: '/checkout', label: 'Open a new checkout' }
    const heading = 'The checkout could not be paid'
    return c.html(
      page(<ErrorPage target={deps.target} heading={heading} message={message} link={link} />),
      status,
    )
  }
  c.header('content-security-policy', checkoutPolicy(checkout.library))
  return c.html(
    page(
      <CheckoutPage
        target={deps.target}
        checkout={checkout}
        customer={customer}
        failure={failed}
        now={ctx.now()}
      />,
    ),
    status,
  )
}

/**
 * `POST /checkout/:id`: the checkout read from the shared storage (opened on any server), the
 * posted token checked, the checkout claimed once across the fleet, then verified and paid
 * (`payCheckout`); a failure gives the claim back and shows the page again with it.
 *
 * @example
 * ```ts
 * app.post('/checkout/:id', (c) => postCheckoutPayment(ctx, c))
 * ```
 */
export async function postCheckoutPayment(ctx: AppContext, c: Context<DemoEnv>): Promise<Response> {
  const { deps } = ctx
  if (!deps.checkout) refuseUnknownCheckout()
  let checkout: StoredCheckout | undefined
  try {
    checkout = await loadCheckout(deps.storage, c.req.param('id') ?? '')
  } catch (error) {
    return storageFailure(ctx, c, error)
  }
  if (!checkout) refuseUnknownCheckout()
  const body = await readFormPost(c)
  c.header('cache-control', 'no-store')
  const token = body.transientToken
  if (!isCompactJws(token)) {
    throw new HTTPException(400, {
      message: 'The transient token is missing or is not a JWT: the card fields create it.',
    })
  }
  const customer = readCustomer(body)
  const receiptId = newLocalId()
  let claim: FormPaymentClaim
  try {
    claim = await claimFormPayment(deps.storage, checkout.id, receiptId, {
      scope: 'checkout-payment',
      ttl: checkoutClaimTtl(checkout, ctx.now().getTime()),
    })
  } catch (error) {
    return storageFailure(ctx, c, error, checkout.id)
  }
  if (!claim.claimed) {
    throw new HTTPException(409, {
      message: 'This checkout is being paid or was paid: see Transactions, or open a new one.',
    })
  }
  const paid = await payCheckout(ctx, checkout, receiptId, token, customer)
  if (paid.kind === 'failed') {
    // Refused or never sent (an unknown outcome is a transaction): the checkout is open again.
    await claim
      .release()
      .catch(() =>
        deps.log({ level: 'warn', msg: 'checkout', checkout: checkout.id, outcome: 'claim-kept' }),
      )
    return showFailure(ctx, c, checkout, customer, paid)
  }
  const { receipt, transaction } = paid
  logCheckout(ctx, c, 'paid', receipt.report.steps, {
    checkout: checkout.id,
    token: receipt.report.token.shortId,
    transaction: transaction.id,
    status: transaction.status,
    reason: transaction.reason,
    amount: transaction.requestedAmount,
    currency: transaction.currency,
    outcomeUnknown: transaction.pendingRecovery !== undefined,
  })
  return c.redirect(`/receipts/${receipt.id}`, 303)
}

import { FLEX_ERROR_CODES } from 'flex-types'
import { isCompactJws } from 'flex-types/internal'
import type { Context, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { type AppContext, page, readFormPost, refuseUnknownQuery } from './app-context.js'
import {
  type Checkout,
  type CheckoutCustomer,
  type CheckoutLibrary,
  openCheckout,
  payCheckout,
} from './checkout-flow.js'
import type { DemoEnv } from './create-app.js'
import type { DescribedError } from './describe-error.js'
import { readMinorUnits } from './payments/money.js'
import { type BoundedStore, createBoundedStore } from './payments/transaction-store.js'
import { CSS, JAVASCRIPT, serveAsset } from './serve-asset.js'
import { FLOW_STEPS, type FlowStep, type TokenizationReport } from './tokenization-report.js'
import { refusalStatus } from './verify-and-consume.js'
import { CHECKOUT_SCRIPT, CHECKOUT_STYLES } from './views/checkout-assets.js'
import { CheckoutPage } from './views/checkout-page.js'
import { ErrorPage } from './views/error-page.js'

const DEFAULT_ORDER = { amount: '25.00', currency: 'USD' }
const MAX_NAME_LENGTH = 60
const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '[::1]'])

// The page runs its own script and the library, frames only the library's origin, posts only
// to itself, and fetches nothing.
function checkoutPolicy(library: CheckoutLibrary): string {
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

function readOrder(c: Context): Checkout['order'] {
  refuseUnknownQuery(c, ['amount', 'currency'])
  const amount = c.req.query('amount') ?? DEFAULT_ORDER.amount
  const currency = c.req.query('currency') ?? DEFAULT_ORDER.currency
  const read = readMinorUnits(amount, currency)
  if ('reason' in read)
    throw new HTTPException(400, { message: `The order amount ${read.message}.` })
  return { amount, currency, read }
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

function logCheckout(
  ctx: AppContext,
  c: Context<DemoEnv>,
  outcome: 'open' | 'paid' | 'failed',
  steps: TokenizationReport['steps'],
  details: Record<string, unknown>,
) {
  ctx.deps.log({
    level: outcome === 'failed' ? 'warn' : 'info',
    msg: 'checkout',
    requestId: c.get('requestId'),
    outcome,
    steps: steps.map((step) => ({
      step: step.step,
      ok: step.ok,
      durationMs: Math.round(step.durationMs * 10) / 10,
    })),
    ...details,
  })
}

function failureDetails(step: FlowStep, error: DescribedError) {
  return { failedStep: step, code: error.code, correlationId: error.correlationId }
}

async function openPage(ctx: AppContext, c: Context<DemoEnv>, checkouts: BoundedStore<Checkout>) {
  const { deps } = ctx
  if (!deps.checkout) {
    throw new HTTPException(404, { message: 'The customer checkout is not set up in this demo.' })
  }
  const order = readOrder(c)
  c.header('cache-control', 'no-store')
  const url = new URL(c.req.url)
  // Microform takes http only on localhost: a loopback address is sent to that name.
  if (deps.publicUrl === undefined && LOOPBACK_ADDRESSES.has(url.hostname)) {
    url.hostname = 'localhost'
    return c.redirect(url.toString(), 302)
  }
  const targetOrigin = deps.publicUrl === undefined ? url.origin : new URL(deps.publicUrl).origin
  const opened = await openCheckout(deps.checkout, deps.saveCaptureContext, targetOrigin, order)
  if (opened.kind === 'failed') {
    logCheckout(ctx, c, 'failed', [], failureDetails(opened.step, opened.error))
    return c.html(
      page(
        <ErrorPage
          target={deps.target}
          heading="The checkout could not be opened"
          message={`${FLOW_STEPS[opened.step]} failed: ${opened.error.code}. ${opened.error.message}`}
        />,
      ),
      opened.error.code === 'UNEXPECTED'
        ? 500
        : opened.error.code === FLEX_ERROR_CODES.STORAGE_FAILED
          ? 503
          : 502,
    )
  }
  const { checkout } = opened
  checkouts.add(checkout.id, checkout)
  logCheckout(ctx, c, 'open', checkout.steps, { checkout: checkout.id })
  c.header('content-security-policy', checkoutPolicy(checkout.library))
  return c.html(page(<CheckoutPage target={deps.target} checkout={checkout} now={ctx.now()} />))
}

async function pay(ctx: AppContext, c: Context<DemoEnv>, checkout: Checkout | undefined) {
  if (!checkout) {
    throw new HTTPException(404, {
      message: 'This checkout is not kept (any more): open a new one.',
    })
  }
  const body = await readFormPost(c)
  c.header('cache-control', 'no-store')
  if (checkout.state !== 'open') {
    throw new HTTPException(409, {
      message: 'This checkout has already been paid: open a new one.',
    })
  }
  const token = body.transientToken
  if (!isCompactJws(token)) {
    throw new HTTPException(400, {
      message: 'The transient token is missing or is not a JWT: the card fields create it.',
    })
  }
  const firstName = readName(body, 'firstName')
  const lastName = readName(body, 'lastName')
  const customer: CheckoutCustomer = {
    ...(firstName ? { firstName } : {}),
    ...(lastName ? { lastName } : {}),
  }
  checkout.state = 'paying'
  const paid = await payCheckout(ctx, checkout, token, customer)
  if (paid.kind === 'failed') {
    checkout.state = 'open'
    logCheckout(ctx, c, 'failed', [], {
      checkout: checkout.id,
      ...failureDetails(paid.step, paid.error),
    })
    c.header('content-security-policy', checkoutPolicy(checkout.library))
    const status =
      paid.step === 'verify-transient-token'
        ? refusalStatus(paid.error.code)
        : paid.error.code === 'UNEXPECTED'
          ? 500
          : 502
    return c.html(
      page(
        <CheckoutPage
          target={ctx.deps.target}
          checkout={checkout}
          customer={customer}
          failure={paid}
          now={ctx.now()}
        />,
      ),
      status,
    )
  }
  checkout.state = 'paid'
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

/**
 * The customer checkout's routes: `GET /checkout` (opens a Microform session for the page's
 * origin; `?amount=&currency=` set the order, default 25.00 USD), `POST /checkout/:id` (the
 * transient token the fields created: verified, paid once, then the receipt at
 * `/receipts/:id`) and the page's script and stylesheet.
 *
 * @example
 * ```ts
 * registerCheckoutRoutes(app, { deps, now, transactions, receipts })
 * ```
 */
export function registerCheckoutRoutes(app: Hono<DemoEnv>, ctx: AppContext): void {
  const checkouts = createBoundedStore<Checkout>(ctx.deps.maxTransactions ?? 200)
  serveAsset(app, '/assets/checkout.js', JAVASCRIPT, CHECKOUT_SCRIPT, 300)
  serveAsset(app, '/assets/checkout.css', CSS, CHECKOUT_STYLES, 300)
  app.get('/checkout', (c) => openPage(ctx, c, checkouts))
  app.post('/checkout/:id', (c) => pay(ctx, c, checkouts.get(c.req.param('id'))))
}

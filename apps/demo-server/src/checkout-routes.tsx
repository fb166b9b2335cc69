import { FLEX_ERROR_CODES } from 'flex-types'
import type { Context, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { type AppContext, page, refuseUnknownQuery } from './app-context.js'
import { type Checkout, openCheckout } from './checkout-flow.js'
import { saveCheckout } from './checkout-store.js'
import type { DemoEnv } from './create-app.js'
import { readMinorUnits } from './payments/money.js'
import {
  checkoutPolicy,
  failureDetails,
  logCheckout,
  postCheckoutPayment,
} from './post-checkout-payment.js'
import { CSS, JAVASCRIPT, serveAsset } from './serve-asset.js'
import { FLOW_STEPS } from './tokenization-report.js'
import { CHECKOUT_SCRIPT, CHECKOUT_STYLES } from './views/checkout-assets.js'
import { CheckoutPage } from './views/checkout-page.js'
import { ErrorPage } from './views/error-page.js'

const DEFAULT_ORDER = { amount: '25.00', currency: 'USD' }
const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '[::1]'])
function readOrder(c: Context): Checkout['order'] {
  refuseUnknownQuery(c, ['amount', 'currency'])
  const amount = c.req.query('amount') ?? DEFAULT_ORDER.amount
  const currency = c.req.query('currency') ?? DEFAULT_ORDER.currency
  const read = readMinorUnits(amount, currency)
  if ('reason' in read)
    throw new HTTPException(400, { message: `The order amount ${read.message}.` })
  return { amount, currency, read }
}

async function openPage(ctx: AppContext, c: Context<DemoEnv>) {
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
  const save = {
    captureContext: deps.saveCaptureContext,
    checkout: (checkout: Checkout) => saveCheckout(deps.storage, checkout, ctx.now().getTime()),
  }
  const opened = await openCheckout(deps.checkout, save, targetOrigin, order)
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
  logCheckout(ctx, c, 'open', checkout.steps, { checkout: checkout.id })
  c.header('content-security-policy', checkoutPolicy(checkout.library))
  return c.html(page(<CheckoutPage target={deps.target} checkout={checkout} now={ctx.now()} />))
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
  serveAsset(app, '/assets/checkout.js', JAVASCRIPT, CHECKOUT_SCRIPT, 300)
  serveAsset(app, '/assets/checkout.css', CSS, CHECKOUT_STYLES, 300)
  app.get('/checkout', (c) => openPage(ctx, c))
  app.post('/checkout/:id', (c) => postCheckoutPayment(ctx, c))
}

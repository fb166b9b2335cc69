import { detectCardBrand, type TransientToken } from 'flex-types'
import type { Context, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { type AppContext, page, readFormPost, refuseUnknownQuery } from './app-context.js'
import type { DemoEnv } from './create-app.js'
import { type DescribedError, describeError } from './describe-error.js'
import { readIntent } from './payment-routes.js'
import { readMinorUnits } from './payments/money.js'
import type { PaymentRequest } from './payments/take-payment.js'
import { takePayment } from './payments/take-payment.js'
import { readFormReference, refusalStatus, verifyAndConsume } from './verify-and-consume.js'
import { ErrorPage } from './views/error-page.js'

const AMOUNT = 'orderInformation.amountDetails.totalAmount'
const CURRENCY = 'orderInformation.amountDetails.currency'

const REFUSALS: Record<number, { heading: string; message: string }> = {
  409: {
    heading: 'This card entry was already used',
    message: 'Its transient token was already paid with, here or on another server.',
  },
  422: {
    heading: 'This card entry cannot be used',
    message: 'Its transient token or its capture context is unknown, expired or not for this form.',
  },
  503: {
    heading: 'Payments are paused',
    message: 'The store of capture contexts and used tokens cannot be reached.',
  },
}

function readText(body: Record<string, unknown>, name: string): string {
  const value = body[name]
  return typeof value === 'string' ? value.trim() : ''
}

function readRequest(body: Record<string, unknown>): PaymentRequest {
  const amount = readText(body, AMOUNT)
  const currency = readText(body, CURRENCY)
  const read = readMinorUnits(amount, currency)
  if ('reason' in read) throw new HTTPException(422, { message: `The amount ${read.message}.` })
  return { intent: readIntent(body.intent), amount, currency, read }
}

// A token shows the card masked (`XXXXXXXXXXX0005`) with its BIN apart: the brand is read from
// the BIN and the length, the other digits as zeros.
function cardOf(token: TransientToken): PaymentRequest['card'] {
  const { maskedNumber: masked, bin } = token.card ?? {}
  if (!masked || !/^[\dX]{8,15}\d{4}$/.test(masked)) return undefined
  const digits = /^\d{6,8}$/.test(bin ?? '') ? `${bin}${'0'.repeat(masked.length - 4)}` : ''
  return {
    brand: detectCardBrand(digits.slice(0, masked.length - 4) + masked.slice(-4)),
    lastFour: masked.slice(-4),
  }
}

function refusedPage(
  ctx: AppContext,
  c: Context<DemoEnv>,
  reference: string,
  error: DescribedError,
  status: 409 | 422 | 500 | 502 | 503,
) {
  ctx.deps.log({
    level: status >= 500 ? 'error' : 'warn',
    msg: 'token payment',
    requestId: c.get('requestId'),
    reference,
    outcome: 'refused',
    code: error.code,
    ...(error.correlationId ? { correlationId: error.correlationId } : {}),
  })
  const text = REFUSALS[status] ?? {
    heading: 'The payment could not be taken',
    message: 'The transient token could not be verified or the payment was refused.',
  }
  return c.html(
    page(
      <ErrorPage
        target={ctx.deps.target}
        heading={text.heading}
        message={`${text.message} Nothing was charged (${error.code}).`}
      />,
    ),
    status,
  )
}

async function payWithToken(ctx: AppContext, c: Context<DemoEnv>): Promise<Response> {
  refuseUnknownQuery(c, [])
  c.header('cache-control', 'no-store')
  const body = await readFormPost(c)
  const jwt = readText(body, 'transientToken')
  const reference = readFormReference(body.reference)
  if (jwt === '' || reference === undefined) {
    throw new HTTPException(400, { message: 'Send the transient token and the form reference.' })
  }
  const request = readRequest(body)
  let token: Awaited<ReturnType<typeof verifyAndConsume>>
  try {
    token = await verifyAndConsume(ctx.deps, jwt, reference)
  } catch (error) {
    const described = describeError(error)
    return refusedPage(ctx, c, reference, described, refusalStatus(described.code))
  }
  const card = cardOf(token)
  let transaction: Awaited<ReturnType<typeof takePayment>>
  try {
    transaction = await takePayment(
      ctx.deps.paymentsClient,
      jwt,
      token.captureContext,
      { ...request, ...(card ? { card } : {}) },
      ctx.now(),
    )
  } catch (error) {
    const described = describeError(error)
    return refusedPage(ctx, c, reference, described, described.code === 'UNEXPECTED' ? 500 : 502)
  }
  ctx.transactions.add(transaction.id, transaction)
  ctx.deps.log({
    level: 'info',
    msg: 'token payment',
    requestId: c.get('requestId'),
    reference,
    outcome: 'paid',
    transaction: transaction.id,
    kind: transaction.kind,
    status: transaction.status,
    outcomeUnknown: transaction.pendingRecovery !== undefined,
  })
  return c.redirect(`/transactions/${transaction.id}`, 303)
}

/**
 * `POST /payments/token`: pays with a transient token made in a browser (Microform, Unified
 * Checkout) from a capture context the demo saved with a form reference, on this server or any
 * other sharing its storage. The token's context is found through the store by kid, its reference
 * must be the posted one, and it is consumed once before the payment: a second post of the same
 * token, anywhere in the fleet, is refused (409) and never reaches the payment call. Fields:
 * `transientToken`, `reference`, the amount and currency, `intent`; then 303 to the transaction.
 *
 * @example
 * ```ts
 * registerTokenPaymentRoutes(app, { deps, now, transactions, receipts })
 * ```
 */
export function registerTokenPaymentRoutes(app: Hono<DemoEnv>, ctx: AppContext): void {
  app.post('/payments/token', (c) => payWithToken(ctx, c))
}

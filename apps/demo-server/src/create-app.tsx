import type { PaymentTestTrigger } from 'flex-emulator'
import type { PaymentsClient } from 'flex-payments'
import type { FlexStorage } from 'flex-types'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { csrf } from 'hono/csrf'
import { HTTPException } from 'hono/http-exception'
import { matchedRoutes } from 'hono/route'
import { secureHeaders } from 'hono/secure-headers'
import { allowHosts } from './allow-hosts.js'
import { type AppContext, page, type Receipt } from './app-context.js'
import type { CheckoutFunctions } from './checkout-functions.js'
import { registerCheckoutRoutes } from './checkout-routes.js'
import type { Logger } from './create-json-logger.js'
import { type FieldSelection, readFieldSelection } from './field-selection.js'
import type { FlexFunctions } from './flex-functions.js'
import { registerPaymentRoutes } from './payment-routes.js'
import { createBoundedStore, type Transaction } from './payments/transaction-store.js'
import { registerTokenPaymentRoutes } from './token-payment-routes.js'
import { registerTransactionRoutes } from './transaction-routes.js'
import { newFormReference } from './verify-and-consume.js'
import { COUNTDOWN_SCRIPT, FAVICON, STYLES } from './views/assets.js'
import { ErrorPage } from './views/error-page.js'
import { FieldsPage } from './views/fields-page.js'
import { Layout, type TargetInfo } from './views/layout.js'
import { PAYMENT_STYLES } from './views/payment-styles.js'
import { TerminalPage } from './views/terminal-page.js'

/**
 * What the app is built from: the bound SDK calls, where they go, the hosts it answers to, a
 * logger and a clock.
 */
export interface DemoDeps extends FlexFunctions {
  /** flex-client's client, through which flex-payments pays. */
  paymentsClient: PaymentsClient
  /** The storage the capture contexts are kept in (memory, or a fleet's Redis): a terminal form's
   * payment is claimed there, so that the form pays at most once on any server. */
  storage: FlexStorage
  /** The customer checkout's calls (Microform); without them `/checkout` answers 404. */
  checkout?: CheckoutFunctions | undefined
  /** The emulator's `listPaymentTestTriggers()`: the test-card helper shows them (emulator only). */
  testTriggers?: readonly PaymentTestTrigger[] | undefined
  /** Payments (and receipts) kept in memory, the oldest forgotten first. Default 200. */
  maxTransactions?: number
  target: TargetInfo
  /** The `Host` values the app answers to (see `demoHosts`); any other is refused with 421. */
  allowedHosts: readonly string[]
  /** The origin the demo is opened at behind a proxy; a form posted from it is same-site. */
  publicUrl?: string
  log: Logger
  /** The clock; tests pin it. Default: `new Date()`. */
  now?: () => Date
}

/** The Hono environment of the app: each request carries its id for the logs. */
export interface DemoEnv {
  Variables: { requestId: string }
}

const MAX_FORM_BYTES = 16 * 1024
const ERROR_HEADINGS: Record<number, string> = {
  403: 'Request refused',
  404: 'Not found',
  409: 'Not possible now',
}

/**
 * Builds the demo's Hono app: the virtual-terminal form (`GET /`), the field picker
 * (`GET /fields`), the payment (`POST /payments`, then its receipt at `GET /receipts/:id`), a
 * payment with a transient token made in a browser (`POST /payments/token`), the customer
 * checkout (`/checkout`, Microform), the transactions with their actions
 * (`/transactions…`), `GET /healthz` and the page assets.
 * Routes only wire the injected SDK calls; nothing here listens on a port.
 *
 * @example
 * ```ts
 * const log = createJsonLogger(process.stdout)
 * const app = createApp({ ...flexFunctions, target, allowedHosts: demoHosts(3000), log })
 * const response = await app.request('/healthz')
 * ```
 */
export function createApp(deps: DemoDeps): Hono<DemoEnv> {
  const now = deps.now ?? (() => new Date())
  const limit = deps.maxTransactions ?? 200
  const ctx: AppContext = {
    deps,
    now,
    transactions: createBoundedStore<Transaction>(limit),
    receipts: createBoundedStore<Receipt>(limit),
  }
  const app = new Hono<DemoEnv>()

  app.use(async (c, next) => {
    const started = performance.now()
    const requestId = crypto.randomUUID()
    c.set('requestId', requestId)
    c.header('x-request-id', requestId)
    await next()
    deps.log({
      level: c.res.status >= 500 ? 'error' : 'info',
      msg: 'request',
      requestId,
      method: c.req.method,
      // A route's own pattern only (`/transactions/:id`): any other path (or a query string) is
      // the caller's text and could hold anything, a card number included.
      path:
        [...matchedRoutes(c)].reverse().find((route) => route.method !== 'ALL')?.path ??
        '<other path>',
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    })
  })
  app.use(allowHosts(deps.allowedHosts))
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      // The checkout page sets its own policy (it runs the Microform library and frames its fields).
      overwrite: false,
    }),
  )
  // Behind a TLS proxy the browser's Origin is the public https one, the request URL plain http.
  app.use(
    csrf({
      origin: (origin, c) => origin === new URL(c.req.url).origin || origin === deps.publicUrl,
    }),
  )
  app.use(
    bodyLimit({
      maxSize: MAX_FORM_BYTES,
      onError: () => {
        throw new HTTPException(413, { message: 'the form is too large' })
      },
    }),
  )

  app.get('/healthz', (c) => c.json({ status: 'ok', flex: deps.target.kind }))

  app.get('/assets/styles.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8')
    c.header('cache-control', 'public, max-age=300')
    return c.body(STYLES + PAYMENT_STYLES)
  })
  app.get('/favicon.ico', (c) => {
    c.header('content-type', 'image/svg+xml')
    c.header('cache-control', 'public, max-age=86400')
    return c.body(FAVICON)
  })
  app.get('/assets/countdown.js', (c) => {
    c.header('content-type', 'text/javascript; charset=utf-8')
    c.header('cache-control', 'public, max-age=300')
    return c.body(COUNTDOWN_SCRIPT)
  })

  // The field picker; 400 when the query named fields in a way it cannot read.
  const fieldsPage = (c: Context, selection: FieldSelection, problems: readonly string[]) =>
    c.html(
      page(<FieldsPage target={deps.target} selection={selection} problems={problems} />),
      problems.length > 0 ? 400 : 200,
    )

  app.get('/', (c) => {
    const { selection, problems } = readFieldSelection(new URL(c.req.url).searchParams)
    c.header('cache-control', 'no-store')
    if (problems.length > 0) return fieldsPage(c, selection, problems)
    return c.html(
      page(
        <TerminalPage
          target={deps.target}
          selection={selection}
          now={now()}
          reference={newFormReference()}
          testTriggers={deps.testTriggers}
        />,
      ),
    )
  })

  app.get('/fields', (c) => {
    const { selection, problems } = readFieldSelection(new URL(c.req.url).searchParams)
    return fieldsPage(c, selection, problems)
  })

  registerPaymentRoutes(app, ctx)
  registerTokenPaymentRoutes(app, ctx)
  registerTransactionRoutes(app, ctx)
  registerCheckoutRoutes(app, ctx)

  app.notFound((c) =>
    c.html(
      page(
        <Layout title="Not found" target={deps.target}>
          <div class="page-head">
            <h1>Page not found</h1>
            <p>
              <a href="/">Back to the virtual terminal</a>
            </p>
          </div>
        </Layout>,
      ),
      404,
    ),
  )

  app.onError((error, c) => {
    const status = error instanceof HTTPException ? error.status : 500
    if (status >= 500) deps.log({ level: 'error', msg: 'unhandled error', name: error.name })
    // The unread rest of an oversized body would be taken for the next request: close instead.
    if (status === 413) c.header('connection', 'close')
    const message =
      error instanceof HTTPException && status < 500 ? error.message : 'Something went wrong.'
    return c.html(
      page(
        <ErrorPage
          target={deps.target}
          heading={ERROR_HEADINGS[status] ?? 'The request could not be handled'}
          message={status === 403 ? 'The form must be sent from this site.' : message}
        />,
      ),
      status,
    )
  })

  return app
}

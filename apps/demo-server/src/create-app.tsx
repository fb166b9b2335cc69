import type { PaymentTestTrigger } from 'flex-emulator'
import type { PaymentsClient } from 'flex-payments'
import type { FlexStorage } from 'flex-types'
import { Hono } from 'hono'
import type { AppContext, Receipt } from './app-context.js'
import type { CheckoutFunctions } from './checkout-functions.js'
import { registerCheckoutRoutes } from './checkout-routes.js'
import type { Logger } from './create-json-logger.js'
import type { FlexFunctions } from './flex-functions.js'
import { registerPaymentRoutes } from './payment-routes.js'
import { createBoundedStore, type Transaction } from './payments/transaction-store.js'
import { registerFallbacks } from './register-fallbacks.js'
import { registerMiddleware } from './register-middleware.js'
import { registerTerminalPages } from './register-terminal-pages.js'
import { registerTokenPaymentRoutes } from './token-payment-routes.js'
import { registerTransactionRoutes } from './transaction-routes.js'
import type { TargetInfo } from './views/layout.js'

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
  registerMiddleware(app, deps)
  registerTerminalPages(app, ctx)
  registerPaymentRoutes(app, ctx)
  registerTokenPaymentRoutes(app, ctx)
  registerTransactionRoutes(app, ctx)
  registerCheckoutRoutes(app, ctx)

  registerFallbacks(app, deps)
  return app
}

import type { Context, Hono } from 'hono'
import { type AppContext, page } from './app-context.js'
import type { DemoEnv } from './create-app.js'
import { type FieldSelection, readFieldSelection } from './field-selection.js'
import { CSS, JAVASCRIPT, serveAsset } from './serve-asset.js'
import { newFormReference } from './verify-and-consume.js'
import { COUNTDOWN_SCRIPT, FAVICON, STYLES } from './views/assets.js'
import { FieldsPage } from './views/fields-page.js'
import { PAYMENT_STYLES } from './views/payment-styles.js'
import { TerminalPage } from './views/terminal-page.js'

/**
 * The terminal's own pages: `GET /healthz`, the assets, the payment form (`GET /`) and the field
 * picker (`GET /fields`).
 *
 * @example
 * ```ts
 * registerTerminalPages(app, ctx)
 * ```
 */
export function registerTerminalPages(app: Hono<DemoEnv>, ctx: AppContext): void {
  const { deps, now } = ctx
  app.get('/healthz', (c) => c.json({ status: 'ok', flex: deps.target.kind }))

  serveAsset(app, '/assets/styles.css', CSS, STYLES + PAYMENT_STYLES, 300)
  serveAsset(app, '/favicon.ico', 'image/svg+xml', FAVICON, 86400)
  serveAsset(app, '/assets/countdown.js', JAVASCRIPT, COUNTDOWN_SCRIPT, 300)

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
}

import type { Context, Hono } from 'hono'
import { type AppContext, page } from './app-context.js'
import type { DemoEnv } from './create-app.js'
import { type FieldSelection, readFieldSelection } from './field-selection.js'
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
}

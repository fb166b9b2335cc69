import { FLEX_FIELD_PATHS, type FlexFieldPath } from 'flex-types'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { csrf } from 'hono/csrf'
import { HTTPException } from 'hono/http-exception'
import type { Child } from 'hono/jsx'
import { secureHeaders } from 'hono/secure-headers'
import { allowHosts } from './allow-hosts.js'
import type { Logger } from './create-json-logger.js'
import { FIELD_CATALOG } from './field-catalog.js'
import { type FieldSelection, readFieldSelection } from './field-selection.js'
import { type FlexFunctions, runTokenizationFlow } from './run-tokenization-flow.js'
import { COUNTDOWN_SCRIPT, STYLES } from './views/assets.js'
import { ErrorPage } from './views/error-page.js'
import { FieldsPage } from './views/fields-page.js'
import { Layout, type TargetInfo } from './views/layout.js'
import { ResultPage } from './views/result-page.js'
import { TerminalPage } from './views/terminal-page.js'

/**
 * What the app is built from: the bound SDK calls, where they go, the hosts it answers to, a
 * logger and a clock.
 */
export interface DemoDeps extends FlexFunctions {
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

function page(element: Child): string {
  return `<!doctype html>${String(element)}`
}

async function readForm(c: Context): Promise<Record<string, unknown>> {
  try {
    return await c.req.parseBody()
  } catch {
    // A multipart body without its boundary or with an unterminated part.
    throw new HTTPException(400, { message: 'the form could not be read: send it again' })
  }
}

function readSubmittedValues(body: Record<string, unknown>): Map<FlexFieldPath, string> {
  const values = new Map<FlexFieldPath, string>()
  for (const path of FLEX_FIELD_PATHS) {
    const value = body[path]
    if (value !== undefined) values.set(path, typeof value === 'string' ? value.trim() : '')
  }
  return values
}

/**
 * Builds the demo's Hono app: the virtual-terminal form (`GET /`), the field picker
 * (`GET /fields`), the tokenization flow (`POST /tokenize`), `GET /healthz` and the page assets.
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
  const app = new Hono<DemoEnv>()
  // Filled from the app's own routes once they are all registered, below.
  const routePaths = new Set<string>()

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
      // A route's own path only: any other path (or a query string) is the caller's text and
      // could hold anything, a card number included.
      path: routePaths.has(c.req.path) ? c.req.path : '<other path>',
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
    }),
  )
  // Behind a TLS proxy the browser's Origin is the public https one, the request URL plain http.
  app.use(
    '/tokenize',
    csrf({
      origin: (origin, c) => origin === new URL(c.req.url).origin || origin === deps.publicUrl,
    }),
  )

  app.get('/healthz', (c) => c.json({ status: 'ok', flex: deps.target.kind }))

  app.get('/assets/styles.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8')
    c.header('cache-control', 'public, max-age=300')
    return c.body(STYLES)
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
    return c.html(page(<TerminalPage target={deps.target} selection={selection} now={now()} />))
  })

  app.get('/fields', (c) => {
    const { selection, problems } = readFieldSelection(new URL(c.req.url).searchParams)
    return fieldsPage(c, selection, problems)
  })

  app.post(
    '/tokenize',
    bodyLimit({
      maxSize: MAX_FORM_BYTES,
      onError: () => {
        throw new HTTPException(413, { message: 'the form is too large' })
      },
    }),
    async (c) => {
      const { selection, problems } = readFieldSelection(new URL(c.req.url).searchParams)
      c.header('cache-control', 'no-store')
      if (problems.length > 0) return fieldsPage(c, selection, problems)
      const contentType = c.req.header('content-type') ?? ''
      if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(contentType)) {
        throw new HTTPException(415, { message: 'send the form as a form post' })
      }
      const values = readSubmittedValues(await readForm(c))
      const submittedAt = now()
      const report = await runTokenizationFlow(deps, selection, values, submittedAt)
      deps.log({
        level: report.outcome === 'failed' ? 'warn' : 'info',
        msg: 'tokenize',
        requestId: c.get('requestId'),
        outcome: report.outcome,
        steps: report.steps.map((step) => ({
          step: step.step,
          ok: step.ok,
          durationMs: Math.round(step.durationMs * 10) / 10,
        })),
        ...(report.outcome === 'invalid'
          ? { issues: report.issues.map((issue) => ({ path: issue.path, reason: issue.reason })) }
          : {}),
        ...(report.outcome === 'failed'
          ? { failedStep: report.failedStep, code: report.error.code }
          : {}),
        ...(report.outcome === 'tokenized' ? { token: report.token.shortId } : {}),
      })
      if (report.outcome === 'invalid') {
        const kept = new Map([...values].filter(([path]) => !FIELD_CATALOG[path].sensitive))
        return c.html(
          page(
            <TerminalPage
              target={deps.target}
              selection={selection}
              now={submittedAt}
              values={kept}
              issues={report.issues}
            />,
          ),
          422,
        )
      }
      const status =
        report.outcome === 'tokenized' ? 200 : report.error.code === 'UNEXPECTED' ? 500 : 502
      return c.html(
        page(<ResultPage target={deps.target} selection={selection} report={report} now={now()} />),
        status,
      )
    },
  )

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
          heading={status === 403 ? 'Request refused' : 'The request could not be handled'}
          message={status === 403 ? 'The form must be sent from this site.' : message}
        />,
      ),
      status,
    )
  })

  for (const route of app.routes) if (route.method !== 'ALL') routePaths.add(route.path)
  return app
}

import type { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { page } from './app-context.js'
import type { DemoDeps, DemoEnv } from './create-app.js'
import { ErrorPage } from './views/error-page.js'
import { Layout } from './views/layout.js'

const ERROR_HEADINGS: Record<number, string> = {
  403: 'Request refused',
  404: 'Not found',
  409: 'Not possible now',
}

/**
 * The pages for a path no route takes (404) and for any error a route threw: an `HTTPException`
 * keeps its status and message, anything else is a 500 that says nothing of its cause.
 *
 * @example
 * ```ts
 * registerFallbacks(app, deps)
 * ```
 */
export function registerFallbacks(app: Hono<DemoEnv>, deps: DemoDeps): void {
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
}

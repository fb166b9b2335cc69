import type { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { csrf } from 'hono/csrf'
import { HTTPException } from 'hono/http-exception'
import { matchedRoutes } from 'hono/route'
import { secureHeaders } from 'hono/secure-headers'
import { allowHosts } from './allow-hosts.js'
import type { DemoDeps, DemoEnv } from './create-app.js'
import { roundDuration } from './round-duration.js'

const MAX_FORM_BYTES = 16 * 1024

/**
 * The middleware every request goes through: its id and log line (route patterns only), the
 * `Host` allow-list, security headers, the same-origin check of forms and the body limit.
 *
 * @example
 * ```ts
 * registerMiddleware(app, deps)
 * ```
 */
export function registerMiddleware(app: Hono<DemoEnv>, deps: DemoDeps): void {
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
      durationMs: roundDuration(performance.now() - started),
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
}

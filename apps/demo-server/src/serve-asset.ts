import type { Hono } from 'hono'
import type { DemoEnv } from './create-app.js'

/** The content type of the demo's style sheets. */
export const CSS = 'text/css; charset=utf-8'
/** The content type of the demo's scripts. */
export const JAVASCRIPT = 'text/javascript; charset=utf-8'

/**
 * Serves a fixed asset at `path` with its content type, cached by browsers for `maxAgeSeconds`.
 *
 * @example
 * ```ts
 * serveAsset(app, '/assets/styles.css', 'text/css; charset=utf-8', STYLES, 300)
 * ```
 */
export function serveAsset(
  app: Hono<DemoEnv>,
  path: string,
  contentType: string,
  body: string,
  maxAgeSeconds: number,
): void {
  app.get(path, (c) => {
    c.header('content-type', contentType)
    c.header('cache-control', `public, max-age=${maxAgeSeconds}`)
    return c.body(body)
  })
}

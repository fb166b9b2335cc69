import type { ServerResponse } from 'node:http'
import { refuse } from './error-body.js'
import type { MicroformAssets } from './microform-assets.js'
import { sendRefusal } from './send-response.js'

// The field page runs only its own script and talks only to its own origin.
const FIELD_PAGE_POLICY =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

/**
 * Answers `GET`/`HEAD` of a served asset: the bytes read at start, `nosniff`, and for scripts
 * `Access-Control-Allow-Origin: *` (a cross-origin script loaded with `integrity` must be CORS).
 */
export function serveAsset(
  assets: MicroformAssets,
  request: { method: string; path: string },
  response: ServerResponse,
): string {
  const asset = assets.byPath.get(request.path)
  if (!asset) {
    sendRefusal(response, refuse(404, 'NOT_FOUND', 'No such resource'))
    return '404 NOT_FOUND'
  }
  const html = asset.contentType.startsWith('text/html')
  response.writeHead(200, {
    'Content-Type': asset.contentType,
    'Content-Length': String(asset.bytes.length),
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...(html
      ? { 'Content-Security-Policy': FIELD_PAGE_POLICY, 'Referrer-Policy': 'no-referrer' }
      : { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' }),
  })
  response.end(request.method === 'HEAD' ? undefined : asset.bytes)
  return '200'
}

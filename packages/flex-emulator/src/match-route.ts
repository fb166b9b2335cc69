import { type Refusal, refuse } from './error-body.js'
import type { CaptureContextRoute } from './handle-capture-context-request.js'
import { matchPaymentRoute, type PaymentMatch } from './match-payment-route.js'

/**
 * The emulator's routes; `payments` covers `/pts/v2/…`, `/flex/v2/payment-details/…` and
 * `/tss/v2/transactions/…`, `sessions` every capture-context route, `assets` the served
 * Microform files.
 */
type EmulatorRoute = 'sessions' | 'public-keys' | 'tokens' | 'payments' | 'assets'

/** A request matched to a route (with the kid of `/public-keys/{kid}`). */
export interface MatchedRoute {
  route: EmulatorRoute
  kid?: string
  payment?: PaymentMatch
  /** The capture-context route other than `/flex/v2/sessions`. */
  captureContext?: CaptureContextRoute
}

const ALLOW: Record<EmulatorRoute, string> = {
  sessions: 'POST',
  tokens: 'POST',
  'public-keys': 'GET, HEAD',
  payments: 'POST',
  assets: 'GET, HEAD',
}

const CAPTURE_CONTEXT_ROUTES: ReadonlySet<string> = new Set<CaptureContextRoute>([
  '/microform/v2/sessions',
  '/up/v1/capture-contexts',
  '/uc/v1/sessions',
])

/** Whether a path names a served asset (the emulated Microform library and its field page). */
function isAssetPath(path: string): boolean {
  return /^\/(microform\/bundle\/v2|uc\/v1\/assets\/flex-emulator)\/[A-Za-z.-]+$/.test(path)
}

/** Finds the route of a method and path, or the 404/405 refusal to answer. */
export function matchRoute(method: string, path: string): MatchedRoute | Refusal {
  if (path === '/flex/v2/sessions') {
    return method === 'POST' ? { route: 'sessions' } : refuse(405, 'METHOD_NOT_ALLOWED', 'Use POST')
  }
  if (CAPTURE_CONTEXT_ROUTES.has(path)) {
    return method === 'POST'
      ? { route: 'sessions', captureContext: path as CaptureContextRoute }
      : refuse(405, 'METHOD_NOT_ALLOWED', 'Use POST')
  }
  if (isAssetPath(path)) {
    if (method !== 'GET' && method !== 'HEAD') return refuse(405, 'METHOD_NOT_ALLOWED', 'Use GET')
    return { route: 'assets' }
  }
  if (path === '/flex/v2/tokens') {
    return method === 'POST' ? { route: 'tokens' } : refuse(405, 'METHOD_NOT_ALLOWED', 'Use POST')
  }
  const publicKey = /^\/flex\/v2\/public-keys\/([^/]+)$/.exec(path)
  if (publicKey) {
    if (method !== 'GET' && method !== 'HEAD') return refuse(405, 'METHOD_NOT_ALLOWED', 'Use GET')
    let kid: string
    try {
      kid = decodeURIComponent(publicKey[1] ?? '')
    } catch {
      return refuse(404, 'NOT_FOUND', 'no public key has this kid')
    }
    return { route: 'public-keys', kid }
  }
  const payment = matchPaymentRoute(path)
  if (payment) {
    return method === payment.method
      ? { route: 'payments', payment }
      : refuse(405, 'METHOD_NOT_ALLOWED', `Use ${payment.method}`)
  }
  return refuse(404, 'NOT_FOUND', 'No such resource')
}

/** The `Allow` header value of a path that names a route, else `undefined`. */
export function allowedMethods(path: string): string | undefined {
  const payment = matchPaymentRoute(path)
  if (payment) return payment.method
  const matched = isAssetPath(path) ? matchRoute('GET', path) : matchRoute('POST', path)
  return 'route' in matched ? ALLOW[matched.route] : undefined
}

/** The path of a request target, without its query. */
export function pathOf(target: string | undefined): string {
  return (target ?? '/').split('?')[0] ?? '/'
}

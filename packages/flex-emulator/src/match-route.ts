import { type Refusal, refuse } from './error-body.js'
import { matchPaymentRoute, type PaymentMatch } from './match-payment-route.js'

/**
 * The emulator's routes; `payments` covers `/pts/v2/…`, `/flex/v2/payment-details/…` and
 * `/tss/v2/transactions/…`.
 */
type EmulatorRoute = 'sessions' | 'public-keys' | 'tokens' | 'payments'

/** A request matched to a route (with the kid of `/public-keys/{kid}`). */
export interface MatchedRoute {
  route: EmulatorRoute
  kid?: string
  payment?: PaymentMatch
}

const ALLOW: Record<EmulatorRoute, string> = {
  sessions: 'POST',
  tokens: 'POST',
  'public-keys': 'GET, HEAD',
  payments: 'POST',
}

/** Finds the route of a method and path, or the 404/405 refusal to answer. */
export function matchRoute(method: string, path: string): MatchedRoute | Refusal {
  if (path === '/flex/v2/sessions') {
    return method === 'POST' ? { route: 'sessions' } : refuse(405, 'METHOD_NOT_ALLOWED', 'Use POST')
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
  const matched = matchRoute('POST', path)
  return 'route' in matched ? ALLOW[matched.route] : undefined
}

/** The path of a request target, without its query. */
export function pathOf(target: string | undefined): string {
  return (target ?? '/').split('?')[0] ?? '/'
}

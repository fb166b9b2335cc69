import { CONTROL_PREFIX } from './handle-control-request.js'
import { matchPaymentRoute } from './match-payment-route.js'
import { matchRoute, pathOf } from './match-route.js'
import type { SigningKeyRing } from './signing-key-ring.js'

/**
 * The path as the log may show it. The request line is the caller's text (a card number typed
 * into a URL would land in the log): only the emulator's own route names and known kids are
 * written.
 */
export function redactedPath(target: string | undefined, signingKeys: SigningKeyRing): string {
  const path = pathOf(target)
  if (path === '/flex/v2/sessions' || path === '/flex/v2/tokens') return path
  const matched = matchRoute('GET', path)
  if ('route' in matched && matched.route === 'assets') return path
  const posted = matchRoute('POST', path)
  if ('route' in posted && posted.captureContext) return path
  // A payment path's id is the caller's text too (a card number fits there): only its template.
  const payment = matchPaymentRoute(path)
  if (payment)
    return payment.id === undefined
      ? path
      : path.replace(payment.id, payment.operation === 'payment-details' ? '{jti}' : '{id}')
  if (path.startsWith(CONTROL_PREFIX)) {
    const name = path.slice(CONTROL_PREFIX.length)
    if (name === 'clock' || name === 'faults' || name === 'reset') return path
    return name.startsWith('transient-tokens/')
      ? `${CONTROL_PREFIX}transient-tokens/<jti>`
      : `${CONTROL_PREFIX}<unknown>`
  }
  if (!('route' in matched)) return '<unknown path>'
  const kid = matched.kid ?? ''
  return `/flex/v2/public-keys/${signingKeys.find(kid) ? kid : '<unknown kid>'}`
}

/** One log line: method, redacted path, outcome (and whether it reached the client), time. */
export function formatLogLine(
  method: string | undefined,
  path: string,
  outcome: string,
  delivered: boolean,
  milliseconds: number,
): string {
  const shown = delivered ? outcome : `${outcome} (not delivered: the connection was closed)`
  return `${method} ${path} ${shown} ${Math.round(milliseconds)}ms`
}

import type { FollowOnOperation } from './handle-payment-follow-ons.js'

/** A payment operation, the id in its path and the method it takes. */
export interface PaymentMatch {
  operation: FollowOnOperation | 'authorization' | 'payment-details' | 'transaction-details'
  id?: string
  method: 'POST' | 'GET'
}

const PATHS: [RegExp, PaymentMatch['operation']][] = [
  [/^\/pts\/v2\/payments$/, 'authorization'],
  [/^\/pts\/v2\/payments\/([^/]+)\/captures$/, 'capture'],
  [/^\/pts\/v2\/payments\/([^/]+)\/reversals$/, 'reversal'],
  [/^\/pts\/v2\/payments\/([^/]+)\/refunds$/, 'refund'],
  [/^\/pts\/v2\/payments\/([^/]+)\/voids$/, 'void'],
  [/^\/pts\/v2\/captures\/([^/]+)\/refunds$/, 'refund-capture'],
  [/^\/pts\/v2\/captures\/([^/]+)\/voids$/, 'void-capture'],
  [/^\/pts\/v2\/refunds\/([^/]+)\/voids$/, 'void-refund'],
  [/^\/pts\/v2\/reversals$/, 'timeout-reversal'],
  [/^\/pts\/v2\/voids$/, 'timeout-void'],
  [/^\/flex\/v2\/payment-details\/([^/]+)$/, 'payment-details'],
  [/^\/tss\/v2\/transactions\/([^/]+)$/, 'transaction-details'],
]

/** The payment operation of a path, or undefined when it names none. */
export function matchPaymentRoute(path: string): PaymentMatch | undefined {
  for (const [pattern, operation] of PATHS) {
    const match = pattern.exec(path)
    if (!match) continue
    const method =
      operation === 'payment-details' || operation === 'transaction-details' ? 'GET' : 'POST'
    return match[1] === undefined ? { operation, method } : { operation, id: match[1], method }
  }
  return undefined
}

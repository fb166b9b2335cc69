import type { FlexStorage } from 'flex-types'
import { callStorage as call } from './call-storage.js'

/** How long a terminal form's claim holds: a form page kept open longer could pay again. */
const FORM_CLAIM_TTL = 24 * 60 * 60_000
const RECEIPT_ID = /^[0-9a-f]{20}$/

/** The answer of `claimFormPayment`: this submission pays, or another one already did. */
export type FormPaymentClaim =
  | { claimed: true; release: () => Promise<void> }
  | { claimed: false; receiptId?: string }

/** What a claim is for: a terminal form (by its form reference, the default, held 24 hours) or a
 * customer checkout (its id, held `ttl` ms: a little longer than the checkout is kept). */
export type PaymentClaimScope =
  | { scope: 'terminal-form' }
  | { scope: 'checkout-payment'; ttl: number }

/**
 * Claims the payment of one terminal form or checkout, once across every server sharing `storage`
 * (`setIfAbsent(scope + ':' + reference)`, the scope `terminal-form` by default, or
 * `checkout-payment` for a customer checkout's id): call it right before the payment is sent and
 * pay only when `claimed`. The claim holds the id of the receipt the payment will have, so a
 * second submission can be sent to it. `release` gives the form back when nothing was charged.
 * A failing storage is `ERR_FLEX_STORAGE_FAILED` and nothing is claimed.
 *
 * @example
 * ```ts
 * const claim = await claimFormPayment(storage, reference, receiptId)
 * if (!claim.claimed) return alreadyPaid(claim.receiptId)
 * ```
 */
export async function claimFormPayment(
  storage: FlexStorage,
  reference: string,
  receiptId: string,
  claimed: PaymentClaimScope = { scope: 'terminal-form' },
): Promise<FormPaymentClaim> {
  const key = `${claimed.scope}:${reference}`
  const ttl = claimed.scope === 'terminal-form' ? FORM_CLAIM_TTL : claimed.ttl
  if (await call('setIfAbsent', () => storage.setIfAbsent(key, receiptId, ttl))) {
    return { claimed: true, release: () => call('delete', () => storage.delete(key)) }
  }
  const first = await call('get', () => storage.get(key))
  return first !== undefined && RECEIPT_ID.test(first)
    ? { claimed: false, receiptId: first }
    : { claimed: false }
}

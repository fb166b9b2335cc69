import type { VerifiedCaptureContext } from 'flex-jwt'
import type { FlexStorage } from 'flex-types'
import { isCompactJws, isJsonObject } from 'flex-types/internal'
import type { Checkout } from './checkout-flow.js'
import type { CheckoutFunctions } from './checkout-functions.js'
import { callStorage } from './payments/call-storage.js'
import { readMinorUnits } from './payments/money.js'
import { roundDuration } from './round-duration.js'
import { FLOW_STEPS, type StepReport } from './tokenization-report.js'

const CHECKOUT_PREFIX = 'checkout:'
const CHECKOUT_ID = /^[0-9a-f]{20}$/
const MAX_TTL = 2 ** 31 - 1
const MAX_STEPS = 16

/** What any server of the fleet needs to take a checkout's payment, or show its page again. */
export interface StoredCheckout {
  id: string
  /** Its capture context as Cybersource signed it (not card data: the page gets it too); it is
   * verified again before any use. */
  captureContextJwt: string
  /** When its capture context expires (ms since the epoch): the checkout is not kept after. */
  expiresAt: number
  order: Checkout['order']
  steps: StepReport[]
}

/**
 * Keeps an open checkout for every server sharing `storage` (`checkout:<id>`, JSON of its capture
 * context's JWT and expiry, order and opening steps) until that context expires, by `now` (ms). No card
 * data or token. A failing storage is `ERR_FLEX_STORAGE_FAILED`.
 *
 * @example
 * ```ts
 * await saveCheckout(deps.storage, checkout, Date.now())
 * ```
 */
export async function saveCheckout(
  storage: FlexStorage,
  checkout: Checkout,
  now: number,
): Promise<void> {
  const { captureContext, order, steps } = checkout
  const lifetime = captureContext.expiresAt.getTime() - now
  const ttl = Math.min(MAX_TTL, Math.max(1, lifetime))
  const record = {
    v: 1,
    jwt: captureContext.jwt,
    expiresAt: captureContext.expiresAt.getTime(),
    amount: order.amount,
    currency: order.currency,
    steps: steps.map(({ step, ok, durationMs }) => ({
      step,
      ok,
      durationMs: roundDuration(durationMs),
    })),
  }
  await callStorage('set', () =>
    storage.set(CHECKOUT_PREFIX + checkout.id, JSON.stringify(record), ttl),
  )
}

// A checkout's claim outlives the checkout (kept until its capture context expires) by more
// than any clock skew between servers: a later post finds no checkout (404), never a free claim.
const CLAIM_MARGIN = 5 * 60_000

/**
 * How long the payment claim of `checkout` holds, at `now` (ms): its time left plus 5 minutes,
 * within what a storage TTL may be.
 *
 * @example
 * ```ts
 * await claimFormPayment(storage, checkout.id, receiptId, {
 *   scope: 'checkout-payment',
 *   ttl: checkoutClaimTtl(checkout, Date.now()),
 * })
 * ```
 */
export function checkoutClaimTtl(checkout: StoredCheckout, now: number): number {
  return Math.min(MAX_TTL, Math.max(0, checkout.expiresAt - now) + CLAIM_MARGIN)
}

function readStep(value: unknown): StepReport | undefined {
  if (!isJsonObject(value)) return undefined
  const { step, ok, durationMs } = value
  if (typeof step !== 'string' || !Object.hasOwn(FLOW_STEPS, step)) return undefined
  if (typeof ok !== 'boolean' || typeof durationMs !== 'number' || !(durationMs >= 0)) {
    return undefined
  }
  return { step: step as StepReport['step'], ok, durationMs }
}

function readRecord(id: string, raw: string): StoredCheckout | undefined {
  let record: unknown
  try {
    record = JSON.parse(raw)
  } catch {
    return undefined
  }
  if (!isJsonObject(record) || record.v !== 1) return undefined
  const { jwt, expiresAt, amount, currency, steps } = record
  if (!isCompactJws(jwt) || typeof expiresAt !== 'number' || !Number.isSafeInteger(expiresAt)) {
    return undefined
  }
  if (typeof amount !== 'string' || typeof currency !== 'string') return undefined
  if (!Array.isArray(steps) || steps.length > MAX_STEPS) return undefined
  const read = readMinorUnits(amount, currency)
  const readSteps = steps.map(readStep)
  if ('reason' in read || readSteps.includes(undefined)) return undefined
  return {
    id,
    captureContextJwt: jwt,
    expiresAt,
    order: { amount, currency, read },
    steps: readSteps as StepReport[],
  }
}

/**
 * Reads the checkout `id` from `storage`, saved by any server of the fleet: `undefined` when
 * `id` is not a checkout id, none is kept (never opened, or expired), or what is kept cannot be
 * read. A failing storage is `ERR_FLEX_STORAGE_FAILED`.
 *
 * @example
 * ```ts
 * const checkout = await loadCheckout(deps.storage, c.req.param('id'))
 * if (!checkout) refuse()
 * ```
 */
export async function loadCheckout(
  storage: FlexStorage,
  id: string,
): Promise<StoredCheckout | undefined> {
  if (!CHECKOUT_ID.test(id)) return undefined
  const raw = await callStorage('get', () => storage.get(CHECKOUT_PREFIX + id))
  return typeof raw === 'string' ? readRecord(id, raw) : undefined
}

/**
 * The checkout's capture context, verified again with `verify`, so that any server can show the
 * checkout's page again: `undefined` when it no longer verifies (expired, or not signed by
 * Cybersource's key): the page is then refused, not shown.
 *
 * @example
 * ```ts
 * const captureContext = await loadCheckoutContext(deps.checkout.verifyCaptureContext, checkout)
 * ```
 */
export async function loadCheckoutContext(
  verify: CheckoutFunctions['verifyCaptureContext'],
  checkout: StoredCheckout,
): Promise<VerifiedCaptureContext | undefined> {
  try {
    return await verify(checkout.captureContextJwt)
  } catch {
    return undefined
  }
}

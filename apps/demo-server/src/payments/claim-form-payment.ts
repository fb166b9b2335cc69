import { FLEX_STORAGE_REASONS, FlexError, type FlexStorage, FlexStorageError } from 'flex-types'

/** How long a form's reference stays paid: a form page kept open longer could pay again. */
const CLAIM_TTL = 24 * 60 * 60_000
const RECEIPT_ID = /^[0-9a-f]{20}$/

/** The answer of `claimFormPayment`: this submission pays, or another one already did. */
export type FormPaymentClaim =
  | { claimed: true; release: () => Promise<void> }
  | { claimed: false; receiptId?: string }

async function call<Result>(operation: string, run: () => Promise<Result>): Promise<Result> {
  try {
    return await run()
  } catch (error) {
    if (FlexError.isInstance(error)) throw error
    throw new FlexStorageError(
      FLEX_STORAGE_REASONS.UNAVAILABLE,
      `the shared storage failed (${operation})`,
      { operation },
      { cause: error },
    )
  }
}

/**
 * Claims the payment of one terminal form, once across every server sharing `storage`
 * (`setIfAbsent('terminal-form:' + reference)`): call it right before the payment is sent and
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
): Promise<FormPaymentClaim> {
  const key = `terminal-form:${reference}`
  if (await call('setIfAbsent', () => storage.setIfAbsent(key, receiptId, CLAIM_TTL))) {
    return { claimed: true, release: () => call('delete', () => storage.delete(key)) }
  }
  const first = await call('get', () => storage.get(key))
  return first !== undefined && RECEIPT_ID.test(first)
    ? { claimed: false, receiptId: first }
    : { claimed: false }
}

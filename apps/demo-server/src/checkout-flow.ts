import type { StoredTransientToken, VerifiedCaptureContext } from 'flex-jwt'
import { detectCardBrand, type TransientToken } from 'flex-types'
import type { AppContext, Receipt } from './app-context.js'
import type { CheckoutFunctions } from './checkout-functions.js'
import type { StoredCheckout } from './checkout-store.js'
import { type DescribedError, describeError } from './describe-error.js'
import type { FlexFunctions } from './flex-functions.js'
import type { ReadAmount } from './payments/money.js'
import { type PaymentRequest, takePayment } from './payments/take-payment.js'
import { newLocalId, type Transaction } from './payments/transaction-store.js'
import {
  type CaptureContextFacts,
  type FlowStep,
  factsOf,
  type TokenizationReport,
  tokenFactsOf,
} from './tokenization-report.js'
import { verifyAndConsume } from './verify-and-consume.js'

/** The Microform library a checkout page loads, from the verified capture context. */
export interface CheckoutLibrary {
  url: string
  integrity: string
  /** The library's origin: the page may run its script and frame its fields, nothing more. */
  origin: string
}

/** One open checkout as its page shows it: its verified context and library, and the order. */
export interface Checkout {
  id: string
  captureContext: VerifiedCaptureContext
  library: CheckoutLibrary
  order: { amount: string; currency: string; read: ReadAmount }
  steps: TokenizationReport['steps']
  facts: CaptureContextFacts
}

/** What the customer typed on the merchant page (never the card: that stays in the iframes). */
export interface CheckoutCustomer {
  firstName?: string
  lastName?: string
}

type Failure = { kind: 'failed'; step: FlowStep; error: DescribedError }

class StepError extends Error {
  constructor(
    readonly step: FlowStep,
    cause: unknown,
    readonly described: DescribedError = describeError(cause),
  ) {
    super(`step ${step} failed`, { cause })
  }
}

function timer(steps: TokenizationReport['steps']) {
  return async <Result>(step: FlowStep, run: () => Promise<Result>): Promise<Result> => {
    const started = performance.now()
    try {
      const result = await run()
      steps.push({ step, ok: true, durationMs: performance.now() - started })
      return result
    } catch (error) {
      steps.push({ step, ok: false, durationMs: performance.now() - started })
      throw new StepError(step, error)
    }
  }
}

function failure(error: unknown): Failure {
  if (!(error instanceof StepError)) throw error
  return { kind: 'failed', step: error.step, error: error.described }
}

/**
 * The checkout page of a kept checkout, its capture context read back: the library is read from
 * the verified context again. `undefined` when that context names no usable library.
 *
 * @example
 * ```ts
 * const shown = checkoutOf(stored, await loadCheckoutContext(verify, stored))
 * ```
 */
export function checkoutOf(
  stored: StoredCheckout,
  captureContext: VerifiedCaptureContext,
): Checkout | undefined {
  try {
    const library = libraryOf(captureContext)
    const facts = factsOf(captureContext)
    return {
      id: stored.id,
      captureContext,
      library,
      order: stored.order,
      steps: stored.steps,
      facts,
    }
  } catch {
    return undefined
  }
}

function libraryOf(captureContext: VerifiedCaptureContext): CheckoutLibrary {
  const { data } = captureContext
  if (data.kind !== 'microform' || !data.clientLibrary || !data.clientLibraryIntegrity) {
    throw new StepError('verify-capture-context', undefined, {
      code: 'NO_CLIENT_LIBRARY',
      message: 'the capture context names no client library with its integrity value',
    })
  }
  return {
    url: data.clientLibrary,
    integrity: data.clientLibraryIntegrity,
    origin: new URL(data.clientLibrary).origin,
  }
}

/** Where an opened checkout is kept for the fleet: its context, then the checkout itself. */
export interface CheckoutSavers {
  /** The app's `saveCaptureContext`: the context saved with the checkout's id as reference. */
  captureContext: FlexFunctions['saveCaptureContext']
  /** `saveCheckout` on the app's storage. */
  checkout: (checkout: Checkout) => Promise<void>
}

/**
 * Opens a checkout: creates a Microform session for the page's origin, verifies its capture
 * context, reads the library (URL and SRI value) from the verified data, then saves the context
 * in the capture-context store with the checkout's id as its reference and the checkout itself
 * (`save`), so that any server of the fleet can take its payment.
 *
 * @example
 * ```ts
 * const opened = await openCheckout(deps.checkout, savers, 'https://shop.example', order)
 * if (opened.kind === 'open') render(opened.checkout.library)
 * ```
 */
export async function openCheckout(
  functions: CheckoutFunctions,
  save: CheckoutSavers,
  targetOrigin: string,
  order: Checkout['order'],
): Promise<{ kind: 'open'; checkout: Checkout } | Failure> {
  const steps: TokenizationReport['steps'] = []
  const step = timer(steps)
  try {
    const jwt = await step('session', () =>
      functions.createMicroformSession({
        targetOrigins: [targetOrigin],
        allowedCardNetworks: ['VISA', 'MASTERCARD', 'AMEX', 'DISCOVER'],
      }),
    )
    const id = newLocalId()
    const captureContext = await step('verify-capture-context', () =>
      functions.verifyCaptureContext(jwt),
    )
    const library = libraryOf(captureContext)
    const checkout = { id, captureContext, library, order, steps, facts: factsOf(captureContext) }
    // Saved once the library is known to be usable: a context the page cannot use is not kept.
    await save
      .captureContext(captureContext, id)
      .then(() => save.checkout(checkout))
      .catch((error: unknown) => {
        throw new StepError('verify-capture-context', error)
      })
    return { kind: 'open', checkout }
  } catch (error) {
    return failure(error)
  }
}

function cardOf(token: TransientToken): Transaction['card'] | undefined {
  const masked = token.card?.maskedNumber ?? ''
  const lastFour = /\d{4}$/.exec(masked)?.[0]
  if (!lastFour) return undefined
  return { brand: detectCardBrand(token.card?.bin ?? masked.replace(/\D.*$/, '')), lastFour }
}

function reportOf(
  steps: TokenizationReport['steps'],
  token: StoredTransientToken,
): Receipt['report'] {
  return {
    outcome: 'tokenized',
    steps,
    captureContext: factsOf(token.captureContext),
    token: tokenFactsOf(token),
  }
}

/**
 * Verifies the transient token the page posted through the capture-context store (its context
 * must be the one saved with this checkout's id, by any server) and consumes it, once across the
 * fleet, then pays the checkout's order with it (the terminal's `takePayment`): a receipt (its id
 * `receiptId`) and its transaction, or the step that failed. The caller claims the checkout
 * (once across the fleet) first; the store keeps a token from being paid twice anywhere.
 *
 * @example
 * ```ts
 * const paid = await payCheckout(ctx, checkout, receiptId, jwt, { firstName: 'Ada' })
 * if (paid.kind === 'paid') redirect(`/receipts/${paid.receipt.id}`)
 * ```
 */
export async function payCheckout(
  ctx: AppContext,
  checkout: StoredCheckout,
  receiptId: string,
  transientToken: string,
  customer: CheckoutCustomer,
): Promise<{ kind: 'paid'; receipt: Receipt; transaction: Transaction } | Failure> {
  const steps = [...checkout.steps]
  const step = timer(steps)
  const now = ctx.now()
  try {
    const token = await step('verify-transient-token', () =>
      verifyAndConsume(ctx.deps, transientToken, checkout.id),
    )
    const card = cardOf(token)
    const billingName = [customer.firstName, customer.lastName].filter(Boolean).join(' ')
    const request: PaymentRequest = {
      intent: 'sale',
      ...checkout.order,
      ...(card ? { card } : {}),
      ...(billingName ? { billingName } : {}),
      ...(customer.firstName || customer.lastName ? { billTo: { ...customer } } : {}),
    }
    const transaction = await step('pay', () =>
      takePayment(ctx.deps.paymentsClient, transientToken, token.captureContext, request, now),
    )
    ctx.transactions.add(transaction.id, transaction)
    const receipt: Receipt = {
      id: receiptId,
      report: reportOf(steps, token),
      query: '',
      transactionId: transaction.id,
      checkout: true,
    }
    ctx.receipts.add(receipt.id, receipt)
    return { kind: 'paid', receipt, transaction }
  } catch (error) {
    return failure(error)
  }
}

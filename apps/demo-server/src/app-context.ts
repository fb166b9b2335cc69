import type { FlexFieldIssue, FlexFieldPath } from 'flex-types'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { Child } from 'hono/jsx'
import type { DemoDeps } from './create-app.js'
import { FIELD_CATALOG } from './field-catalog.js'
import type { BoundedStore, Transaction } from './payments/transaction-store.js'
import type { TokenizationReport } from './tokenization-report.js'

/** The result of one submission, kept so that it lives at a GET URL (post/redirect/get). */
export interface Receipt {
  id: string
  report: Extract<TokenizationReport, { outcome: 'tokenized' }>
  /** The field selection of the form, as its query string. */
  query: string
  transactionId?: string
  /** Paid from the customer checkout: the card was tokenized in the browser (Microform). */
  checkout?: true
}

/** What the route modules share: the dependencies, the clock and the in-memory stores. */
export interface AppContext {
  deps: DemoDeps
  now: () => Date
  transactions: BoundedStore<Transaction>
  receipts: BoundedStore<Receipt>
}

/**
 * An HTML page with its doctype.
 *
 * @example
 * ```ts
 * return c.html(page(<ErrorPage target={target} heading="…" message="…" />), 404)
 * ```
 */
export function page(element: Child): string {
  return `<!doctype html>${String(element)}`
}

/**
 * Reads a posted form; refuses a body that is not one (415) or cannot be read (400).
 *
 * @example
 * ```ts
 * const body = await readFormPost(c)
 * ```
 */
export async function readFormPost(c: Context): Promise<Record<string, unknown>> {
  const contentType = c.req.header('content-type') ?? ''
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(contentType)) {
    throw new HTTPException(415, { message: 'send the form as a form post' })
  }
  try {
    return await c.req.parseBody()
  } catch {
    // A multipart body without its boundary or with an unterminated part.
    throw new HTTPException(400, { message: 'the form could not be read: send it again' })
  }
}

/**
 * Issues in the order of the fields on the form (the error summary follows the form).
 *
 * @example
 * ```ts
 * inFormOrder(report.issues)[0]?.path // 'paymentInformation.card.number' before any amount issue
 * ```
 */
export function inFormOrder(issues: readonly FlexFieldIssue[]): FlexFieldIssue[] {
  const order = (issue: FlexFieldIssue) =>
    FIELD_CATALOG[issue.path as FlexFieldPath]?.order ?? Number.MAX_SAFE_INTEGER
  return [...issues].sort((left, right) => order(left) - order(right))
}

/**
 * Refuses (400) a query that names a field the page does not read: it is reported, not ignored.
 * The message names no field: a key is the caller's text and could hold anything.
 *
 * @example
 * ```ts
 * refuseUnknownQuery(c, ['event'])
 * ```
 */
export function refuseUnknownQuery(c: Context, known: readonly string[]): void {
  const unknown = [...new Set(new URL(c.req.url).searchParams.keys())].filter(
    (key) => !known.includes(key),
  )
  if (unknown.length > 0) {
    throw new HTTPException(400, {
      message: `The address names ${unknown.length} field(s) this page does not read: remove them.`,
    })
  }
}

import {
  FLEX_FIELD_PATHS,
  type FlexFieldPath,
  isFlexFieldPath,
  type SessionFields,
} from 'flex-types'
import { buildSessionRequestBody } from 'flex-types/internal'
import { FIELD_CATALOG } from './field-catalog.js'

/** Which fields the merchant collects, and which of them the customer may leave out. */
export interface FieldSelection {
  required: readonly FlexFieldPath[]
  optional: readonly FlexFieldPath[]
}

/** What the field picker offers for each field. */
export type FieldChoice = 'required' | 'optional' | 'off'

/**
 * The default of a card-not-present payment: the card, its expiry, the amount and currency
 * required, the cardholder's name and email optional.
 */
export const DEFAULT_FIELD_SELECTION: FieldSelection = {
  required: [
    'paymentInformation.card.number',
    'paymentInformation.card.securityCode',
    'paymentInformation.card.expirationMonth',
    'paymentInformation.card.expirationYear',
    'orderInformation.amountDetails.totalAmount',
    'orderInformation.amountDetails.currency',
  ],
  optional: [
    'orderInformation.billTo.firstName',
    'orderInformation.billTo.lastName',
    'orderInformation.billTo.email',
  ],
}

/** The result of reading a selection from a query string: the selection or what is wrong. */
export interface ReadFieldSelectionResult {
  selection: FieldSelection
  /** Problems with the query, safe to show (they name fields, never values). */
  problems: string[]
}

const CHOICES: readonly string[] = ['required', 'optional', 'off']
// A name is shown only when it cannot hold a card number or other digits someone typed.
const SHOWABLE_NAME = /^[A-Za-z][A-Za-z._-]{0,63}$/

function unknownNames(query: URLSearchParams): string[] {
  const unknown = [...new Set(query.keys())].filter((key) => !isFlexFieldPath(key))
  if (unknown.length === 0) return []
  const shown = unknown.filter((key) => SHOWABLE_NAME.test(key))
  const hidden = unknown.length - shown.length
  return [
    ...shown.map((key) => `The address names an unknown field, ${key}: remove it`),
    ...(hidden > 0
      ? [`The address names ${hidden} unknown field(s) that cannot be shown: remove them`]
      : []),
  ]
}

/**
 * Reads the field selection from a query string whose keys are field paths and whose values are
 * `required`, `optional` or `off`. A query naming no field path gives the default selection. A key
 * that is not a field path is reported as a problem, not ignored.
 *
 * @example
 * ```ts
 * readFieldSelection(new URLSearchParams('paymentInformation.card.number=required'))
 * ```
 */
export function readFieldSelection(query: URLSearchParams): ReadFieldSelectionResult {
  const named = [...query.keys()].filter(isFlexFieldPath)
  const problems = unknownNames(query)
  if (named.length === 0) return { selection: DEFAULT_FIELD_SELECTION, problems }
  const required: FlexFieldPath[] = []
  const optional: FlexFieldPath[] = []
  for (const path of FLEX_FIELD_PATHS) {
    const values = query.getAll(path)
    if (values.length === 0) continue
    const [value] = values
    if (values.length > 1 || value === undefined || !CHOICES.includes(value)) {
      problems.push(`${FIELD_CATALOG[path].longLabel}: choose required, optional or off`)
    } else if (value === 'required') {
      required.push(path)
    } else if (value === 'optional') {
      optional.push(path)
    }
  }
  if (problems.length === 0 && required.length + optional.length === 0) {
    problems.push('Choose at least one field to collect')
  }
  return { selection: { required, optional }, problems }
}

/** The choice the picker shows for one field. */
export function choiceOf(selection: FieldSelection, path: FlexFieldPath): FieldChoice {
  if (selection.required.includes(path)) return 'required'
  return selection.optional.includes(path) ? 'optional' : 'off'
}

/**
 * Writes a selection as the query string that `readFieldSelection` reads, without the `?`.
 *
 * @example
 * ```ts
 * `/?${fieldSelectionQuery(DEFAULT_FIELD_SELECTION)}`
 * ```
 */
export function fieldSelectionQuery(selection: FieldSelection): string {
  const query = new URLSearchParams()
  for (const path of FLEX_FIELD_PATHS) {
    const choice = choiceOf(selection, path)
    if (choice !== 'off') query.append(path, choice)
  }
  return query.toString()
}

/** The selected fields in form order. */
export function selectedFields(selection: FieldSelection): FlexFieldPath[] {
  return [...selection.required, ...selection.optional].sort(
    (left, right) => FIELD_CATALOG[left].order - FIELD_CATALOG[right].order,
  )
}

/**
 * The `fields` of the session request for a selection, every leaf with an explicit `required`.
 *
 * @example
 * ```ts
 * await client.createSession(toSessionFields(DEFAULT_FIELD_SELECTION))
 * ```
 */
export function toSessionFields(selection: FieldSelection): SessionFields {
  return buildSessionRequestBody([
    ...selection.required.map((path) => ({ path, required: true })),
    ...selection.optional.map((path) => ({ path, required: false })),
  ]).fields
}

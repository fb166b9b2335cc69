import {
  FLEX_ERROR_CODES,
  FLEX_FIELD_REASONS,
  type FlexFieldIssue,
  FlexValidationError,
} from './flex-error.js'
import { type FlexFieldPath, isFlexFieldPath } from './flex-field-paths.js'
import type { FlexFieldTree, SessionFieldSelection, SessionFields } from './flex-field-tree.js'
import { nestFieldValues } from './nest-field-values.js'
import { readSessionFields } from './read-session-fields.js'

/** The exact body of `POST /flex/v2/sessions`: every leaf carries an explicit `required`. */
export interface SessionRequestBody {
  fields: FlexFieldTree<{ required: boolean }>
}

function readSelectionList(selection: readonly unknown[]): {
  entries: [FlexFieldPath, boolean][]
  issues: FlexFieldIssue[]
} {
  const entries: [FlexFieldPath, boolean][] = []
  const issues: FlexFieldIssue[] = []
  const seen = new Set<string>()
  selection.forEach((item, index) => {
    const path =
      typeof item === 'object' && item !== null ? (item as { path?: unknown }).path : item
    const required =
      typeof item === 'object' && item !== null ? (item as { required?: unknown }).required : true
    if (!isFlexFieldPath(path)) {
      // Never the entry itself: a card number passed by mistake would be echoed into the error.
      issues.push({
        path: `fields[${index}]`,
        reason: FLEX_FIELD_REASONS.UNKNOWN_FIELD,
        message: 'is not a field path',
      })
    } else if (required !== undefined && typeof required !== 'boolean') {
      issues.push({
        path: `${path}.required`,
        reason: FLEX_FIELD_REASONS.NOT_A_BOOLEAN,
        message: 'must be true or false',
      })
    } else if (seen.has(path)) {
      issues.push({ path, reason: FLEX_FIELD_REASONS.DUPLICATE, message: 'is given twice' })
    } else {
      seen.add(path)
      entries.push([path, required !== false])
    }
  })
  if (issues.length === 0 && entries.length === 0) {
    issues.push({
      path: 'fields',
      reason: FLEX_FIELD_REASONS.REQUIRED,
      message: 'must name at least one field',
    })
  }
  return { entries, issues }
}

/**
 * Turns session fields (the nested `SessionFields` form, or a list of paths with optional ones
 * marked) into the exact `POST /flex/v2/sessions` body. Present means required unless
 * `required: false`; the body states `required` explicitly on every leaf.
 *
 * @throws FlexValidationError (`ERR_FLEX_SESSION_FIELDS_INVALID`) naming each non-boolean
 * `required` or duplicate by its path, and each list entry that is not a field path by its
 * position only (`fields[3]`): an unknown entry is never echoed.
 * @example
 * ```ts
 * buildSessionRequestBody([
 *   'paymentInformation.card.number',
 *   { path: 'orderInformation.billTo.email', required: false },
 * ])
 * // { fields: { paymentInformation: { card: { number: { required: true } } },
 * //             orderInformation: { billTo: { email: { required: false } } } } }
 * ```
 */
export function buildSessionRequestBody(
  fields: SessionFields | readonly SessionFieldSelection[],
): SessionRequestBody {
  let entries: [FlexFieldPath, boolean][]
  let issues: FlexFieldIssue[]
  if (Array.isArray(fields)) {
    ;({ entries, issues } = readSelectionList(fields))
  } else {
    const lists = readSessionFields(fields)
    issues = lists.issues
    entries = [
      ...lists.requiredFields.map((path): [FlexFieldPath, boolean] => [path, true]),
      ...lists.optionalFields.map((path): [FlexFieldPath, boolean] => [path, false]),
    ]
  }
  if (issues.length > 0) {
    throw new FlexValidationError(
      FLEX_ERROR_CODES.SESSION_FIELDS_INVALID,
      'session fields are invalid',
      issues,
    )
  }
  return {
    fields: nestFieldValues(entries.map(([path, required]) => [path, { required }])),
  }
}

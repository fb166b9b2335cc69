import { FLEX_FIELD_REASONS, type FlexFieldIssue } from './flex-error.js'
import type { FlexFieldPath } from './flex-field-paths.js'
import { isPlainObject, walkFieldTree } from './walk-field-tree.js'

/** The fields a session collects, split by requirement. */
export interface SessionFieldLists {
  requiredFields: FlexFieldPath[]
  optionalFields: FlexFieldPath[]
}

/**
 * Reads the wire form of the session `fields` (nested objects with `{ required?: boolean }`
 * leaves) into required and optional path lists, with every problem found as an issue. A field
 * that is present is required unless `required` is `false`. Never throws.
 *
 * @example
 * ```ts
 * const { requiredFields, optionalFields, issues } = readSessionFields(body.fields)
 * if (issues.length > 0) return badRequest(issues)
 * ```
 */
export function readSessionFields(fields: unknown): SessionFieldLists & {
  issues: FlexFieldIssue[]
} {
  const requiredFields: FlexFieldPath[] = []
  const optionalFields: FlexFieldPath[] = []
  const leafIssues: FlexFieldIssue[] = []
  const treeIssues = walkFieldTree(
    fields,
    (path, value) => {
      if (!isPlainObject(value)) {
        leafIssues.push({
          path,
          reason: FLEX_FIELD_REASONS.NOT_AN_OBJECT,
          message: 'must be an object such as { "required": true }',
        })
        return
      }
      const { required } = value
      if (required !== undefined && typeof required !== 'boolean') {
        leafIssues.push({
          path: `${path}.required`,
          reason: FLEX_FIELD_REASONS.NOT_A_BOOLEAN,
          message: 'must be true or false',
        })
        return
      }
      ;(required === false ? optionalFields : requiredFields).push(path)
    },
    { allowDottedKeys: false, root: 'fields' },
  )
  const issues = [...treeIssues, ...leafIssues]
  if (issues.length === 0 && requiredFields.length + optionalFields.length === 0) {
    issues.push({
      path: 'fields',
      reason: FLEX_FIELD_REASONS.REQUIRED,
      message: 'must name at least one field',
    })
  }
  return { requiredFields, optionalFields, issues }
}

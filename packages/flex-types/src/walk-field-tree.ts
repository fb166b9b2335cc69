import { FLEX_FIELD_REASONS, type FlexFieldIssue } from './flex-error.js'
import { FLEX_FIELD_PATHS, type FlexFieldPath, isFlexFieldPath } from './flex-field-paths.js'
import { isJsonObject } from './is-json-object.js'

const GROUPS: ReadonlySet<string> = new Set(
  FLEX_FIELD_PATHS.flatMap((path) => {
    const parts = path.split('.')
    return parts.slice(1).map((_, index) => parts.slice(0, index + 1).join('.'))
  }),
)

// A key that is not a field path is the caller's text, and card data typed into the wrong place
// would otherwise be echoed in the issue path: a part is named only when it looks like a field name.
const FIELD_NAME = /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/
const UNRECOGNIZED = '<unrecognized key>'
// The caller's text shown in one issue path, at most: a typo is recognisable well within it.
const MAX_SHOWN_LENGTH = 64

function describeUnknownPath(prefix: string, key: string): string {
  const shown: string[] = []
  let length = 0
  for (const part of key.split('.')) {
    length += (shown.length > 0 ? 1 : 0) + part.length
    if (!FIELD_NAME.test(part) || /\d{3}/.test(part) || length > MAX_SHOWN_LENGTH) {
      shown.push(UNRECOGNIZED)
      break
    }
    shown.push(part)
  }
  return [...(prefix ? [prefix] : []), ...shown].join('.')
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isJsonObject(value)) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/** Walks a tree nested by field path and calls `onLeaf` once per known path; collects issues. */
export function walkFieldTree(
  tree: unknown,
  onLeaf: (path: FlexFieldPath, value: unknown) => void,
  options: { allowDottedKeys: boolean; root: string },
): FlexFieldIssue[] {
  const issues: FlexFieldIssue[] = []
  const seen = new Set<string>()
  const visit = (node: unknown, prefix: string): void => {
    if (!isPlainObject(node)) {
      issues.push({
        path: prefix || options.root,
        reason: FLEX_FIELD_REASONS.NOT_AN_OBJECT,
        message: 'must be an object',
      })
      return
    }
    for (const [key, value] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key
      if (key.includes('.') && !options.allowDottedKeys) {
        issues.push({
          path: describeUnknownPath(prefix, key),
          reason: FLEX_FIELD_REASONS.UNKNOWN_FIELD,
          message: 'is not a field path',
        })
      } else if (isFlexFieldPath(path)) {
        if (seen.has(path)) {
          issues.push({ path, reason: FLEX_FIELD_REASONS.DUPLICATE, message: 'is given twice' })
        } else {
          seen.add(path)
          onLeaf(path, value)
        }
      } else if (GROUPS.has(path)) {
        visit(value, path)
      } else {
        issues.push({
          path: describeUnknownPath(prefix, key),
          reason: FLEX_FIELD_REASONS.UNKNOWN_FIELD,
          message: 'is not a field path',
        })
      }
    }
  }
  visit(tree, '')
  return issues
}

export { isPlainObject }

import { FLEX_FIELD_REASONS, type FlexFieldIssue } from 'flex-types'
import { createUsageError } from 'flex-types/internal'

/** A problem with one entry of a list, as an issue without its path. */
export type EntryProblem = Omit<FlexFieldIssue, 'path'>

/** How one list field is read: its bounds, what its entries are called, and the entry check. */
export interface StringListRules {
  max: number
  /** The entries' name in messages, plural: `names`, `origins`. */
  noun: string
  /** The problem of one entry, told whether an earlier entry had the same value. */
  checkEntry: (entry: string, repeated: boolean) => EntryProblem | undefined
}

/**
 * Reads a list of strings: a value of the wrong type is a usage error, an empty or too long list
 * an issue naming the field, each problem of an entry an issue naming it by its index, never its
 * value. Returns a copy of the list.
 */
export function readStringList(
  caller: string,
  field: string,
  value: unknown,
  rules: StringListRules,
  issues: FlexFieldIssue[],
): string[] {
  if (!Array.isArray(value))
    throw createUsageError(caller, field, `must be a list of ${rules.noun}`)
  if (value.length === 0 || value.length > rules.max) {
    issues.push({
      path: field,
      reason: value.length === 0 ? FLEX_FIELD_REASONS.REQUIRED : FLEX_FIELD_REASONS.LENGTH,
      message: `must list 1 to ${rules.max} ${rules.noun}`,
    })
    return []
  }
  const seen = new Set<string>()
  // Array.from visits holes (forEach skips them, and JSON would send null).
  Array.from(value).forEach((entry: unknown, index) => {
    if (typeof entry !== 'string') {
      throw createUsageError(caller, `${field}[${index}]`, 'must be a string')
    }
    const problem = rules.checkEntry(entry, seen.has(entry))
    if (problem) issues.push({ path: `${field}[${index}]`, ...problem })
    seen.add(entry)
  })
  return [...value]
}

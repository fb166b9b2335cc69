import { FLEX_FIELD_REASONS, type FlexFieldIssue } from 'flex-types'
import { createUsageError } from 'flex-types/internal'

// The service's names: VISA, CARTESBANCAIRES, PANENTRY, TMS_TOKEN…
const NAME = /^[A-Z][A-Z0-9_]{0,31}$/
const MAX_NAMES = 64

/**
 * Reads a list of upper-case names (`allowedCardNetworks`, `allowedPaymentTypes`): a value of the
 * wrong type is a usage error, an empty list, a malformed or repeated name an issue naming the
 * entry by its index. Names this SDK does not know are sent as they are.
 */
export function readNameList(
  caller: string,
  field: string,
  value: unknown,
  issues: FlexFieldIssue[],
): string[] {
  if (!Array.isArray(value)) throw createUsageError(caller, field, 'must be a list of names')
  if (value.length === 0 || value.length > MAX_NAMES) {
    issues.push({
      path: field,
      reason: value.length === 0 ? FLEX_FIELD_REASONS.REQUIRED : FLEX_FIELD_REASONS.LENGTH,
      message: `must list 1 to ${MAX_NAMES} names`,
    })
    return []
  }
  const seen = new Set<string>()
  // Array.from visits holes (forEach skips them, and JSON would send null).
  Array.from(value).forEach((name: unknown, index) => {
    if (typeof name !== 'string') {
      throw createUsageError(caller, `${field}[${index}]`, 'must be a string')
    }
    if (!NAME.test(name)) {
      issues.push({
        path: `${field}[${index}]`,
        reason: FLEX_FIELD_REASONS.FORMAT,
        message: 'must be an upper-case name such as VISA or CARD',
      })
    } else if (seen.has(name)) {
      issues.push({
        path: `${field}[${index}]`,
        reason: FLEX_FIELD_REASONS.DUPLICATE,
        message: 'is listed twice',
      })
    }
    seen.add(name)
  })
  return [...value]
}

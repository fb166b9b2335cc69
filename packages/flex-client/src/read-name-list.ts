import { FLEX_FIELD_REASONS, type FlexFieldIssue } from 'flex-types'
import { readStringList, type StringListRules } from './read-string-list.js'

// The service's names: VISA, CARTESBANCAIRES, PANENTRY, TMS_TOKEN…
const NAME = /^[A-Z][A-Z0-9_]{0,31}$/
const NAME_LIST_RULES: StringListRules = {
  max: 64,
  noun: 'names',
  checkEntry: (name, repeated) => {
    if (!NAME.test(name)) {
      return {
        reason: FLEX_FIELD_REASONS.FORMAT,
        message: 'must be an upper-case name such as VISA or CARD',
      }
    }
    return repeated
      ? { reason: FLEX_FIELD_REASONS.DUPLICATE, message: 'is listed twice' }
      : undefined
  },
}

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
  return readStringList(caller, field, value, NAME_LIST_RULES, issues)
}

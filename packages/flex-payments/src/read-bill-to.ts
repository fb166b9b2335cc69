import { FLEX_FIELD_REASONS, type FlexFieldIssue } from 'flex-types'
import { createUsageError, isJsonObject } from 'flex-types/internal'
import { hasControlCharacter } from './read-resource-id.js'

/** The billing address of `orderInformation.billTo`, as the payment samples send it. */
export interface PaymentAddress {
  firstName?: string
  lastName?: string
  company?: string
  address1?: string
  address2?: string
  locality?: string
  administrativeArea?: string
  postalCode?: string
  country?: string
  email?: string
  phoneNumber?: string
}

/** The documented members of an address. */
export const ADDRESS_MEMBERS: ReadonlySet<string> = new Set([
  'firstName',
  'lastName',
  'company',
  'address1',
  'address2',
  'locality',
  'administrativeArea',
  'postalCode',
  'country',
  'email',
  'phoneNumber',
])
/** The longest address member accepted. */
export const MAX_ADDRESS_LENGTH = 255

/** Copies the documented string members of `billTo`; adds an issue for anything else. */
export function readBillTo(
  caller: string,
  value: unknown,
  issues: FlexFieldIssue[],
): PaymentAddress | undefined {
  if (value === undefined) return undefined
  if (!isJsonObject(value)) throw createUsageError(caller, 'billTo', 'must be an object')
  const address: Record<string, string> = {}
  for (const [member, text] of Object.entries(value)) {
    if (!ADDRESS_MEMBERS.has(member)) {
      issues.push({
        path: 'billTo',
        reason: FLEX_FIELD_REASONS.UNKNOWN_FIELD,
        message: 'has a member that is not a documented billTo field',
      })
    } else if (
      typeof text !== 'string' ||
      text.length === 0 ||
      text.length > MAX_ADDRESS_LENGTH ||
      hasControlCharacter(text)
    ) {
      issues.push({
        path: `billTo.${member}`,
        reason: FLEX_FIELD_REASONS.FORMAT,
        message: `must be a string of 1 to ${MAX_ADDRESS_LENGTH} characters without control characters`,
      })
    } else {
      address[member] = text
    }
  }
  return address
}

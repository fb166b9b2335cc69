import { CARD_BRAND_RULES } from './card-brand-rules.js'
import { CURRENCY_CODES } from './currency-codes.js'
import { detectCardBrand } from './detect-card-brand.js'
import { FLEX_FIELD_REASONS, type FlexFieldIssue, type FlexFieldReason } from './flex-error.js'
import type { FlexFieldPath } from './flex-field-paths.js'
import type { PaymentData } from './flex-field-tree.js'
import { nestFieldValues } from './nest-field-values.js'
import { normalizeCardNumber, passesLuhn } from './passes-luhn.js'
import { walkFieldTree } from './walk-field-tree.js'

/** What the data is checked against: the capture context's field lists and the clock. */
export interface ValidatePaymentDataOptions {
  requiredFields: readonly FlexFieldPath[]
  optionalFields: readonly FlexFieldPath[]
  /** The date that expiry is judged at. Default: now. */
  currentDate?: Date
}

/** The outcome of `validatePaymentData`: the normalized nested data, or the issues found. */
export interface ValidatePaymentDataResult {
  /** The data nested by field path, card number without spaces or dashes. */
  data: PaymentData
  issues: FlexFieldIssue[]
}

type Problem = [reason: FlexFieldReason, message: string] | undefined
type Check = (value: string, now: Date) => Problem

const MAX_LENGTH = 256
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/

const matches =
  (pattern: RegExp, message: string): Check =>
  (value) =>
    pattern.test(value) ? undefined : [FLEX_FIELD_REASONS.FORMAT, message]

const CHECKS: { [Path in FlexFieldPath]?: Check } = {
  'paymentInformation.card.number': (value) => {
    const digits = normalizeCardNumber(value)
    if (!/^\d+$/.test(digits)) return [FLEX_FIELD_REASONS.FORMAT, 'must contain digits only']
    if (digits.length < 12 || digits.length > 19) {
      return [FLEX_FIELD_REASONS.LENGTH, 'must be 12 to 19 digits']
    }
    const brand = detectCardBrand(digits)
    if (brand !== 'unknown' && !CARD_BRAND_RULES[brand].numberLengths.includes(digits.length)) {
      const { name, numberLengths } = CARD_BRAND_RULES[brand]
      return [FLEX_FIELD_REASONS.LENGTH, `must be ${listLengths(numberLengths)} digits for ${name}`]
    }
    return passesLuhn(digits) ? undefined : [FLEX_FIELD_REASONS.LUHN, 'is not a valid card number']
  },
  'paymentInformation.card.securityCode': matches(/^\d{3,4}$/, 'must be 3 or 4 digits'),
  'paymentInformation.card.type': matches(/^\d{3}$/, 'must be a 3-digit card type code'),
  'paymentInformation.card.expirationMonth': matches(/^(0[1-9]|1[0-2])$/, 'must be 01 to 12'),
  'paymentInformation.card.expirationYear': (value, now) => {
    if (!/^\d{4}$/.test(value)) return [FLEX_FIELD_REASONS.FORMAT, 'must be a four-digit year']
    const year = Number(value)
    if (year < now.getUTCFullYear()) return [FLEX_FIELD_REASONS.EXPIRED, 'is in the past']
    if (year > now.getUTCFullYear() + 25) {
      return [FLEX_FIELD_REASONS.OUT_OF_RANGE, 'is too far in the future']
    }
    return undefined
  },
  'orderInformation.amountDetails.totalAmount': matches(
    /^\d{1,15}(\.\d{1,6})?$/,
    'must be a decimal amount such as 10.00',
  ),
  'orderInformation.amountDetails.currency': (value) =>
    CURRENCY_CODES.has(value)
      ? undefined
      : [FLEX_FIELD_REASONS.FORMAT, 'must be an ISO 4217 currency code such as USD'],
  'orderInformation.billTo.email': (value) =>
    value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)
      ? undefined
      : [FLEX_FIELD_REASONS.FORMAT, 'must be an e-mail address'],
  'orderInformation.billTo.country': matches(/^[A-Z]{2}$/, 'must be an ISO 3166 two-letter code'),
  'orderInformation.shipTo.country': matches(/^[A-Z]{2}$/, 'must be an ISO 3166 two-letter code'),
  'orderInformation.billTo.phoneNumber': matches(
    /^\+?[0-9 ().-]{4,20}$/,
    'must be a phone number of 4 to 20 digits and separators',
  ),
  'orderInformation.billTo.postalCode': matches(/^[A-Za-z0-9 -]{1,10}$/, 'must be a postal code'),
  'orderInformation.shipTo.postalCode': matches(/^[A-Za-z0-9 -]{1,10}$/, 'must be a postal code'),
}

function listLengths(lengths: readonly number[]): string {
  const first = lengths[0] as number
  const last = lengths.at(-1) as number
  if (last - first === lengths.length - 1 && lengths.length > 2) return `${first} to ${last}`
  return lengths.length === 1 ? String(first) : `${lengths.slice(0, -1).join(', ')} or ${last}`
}

// The security code's length depends on the brand of a valid card number given beside it.
function checkSecurityCodeLength(values: ReadonlyMap<FlexFieldPath, string>): Problem {
  const code = values.get('paymentInformation.card.securityCode')
  const number = values.get('paymentInformation.card.number')
  if (code === undefined || number === undefined) return undefined
  const brand = detectCardBrand(number)
  if (brand === 'unknown') return undefined
  const { name, securityCodeLength } = CARD_BRAND_RULES[brand]
  return code.length === securityCodeLength
    ? undefined
    : [FLEX_FIELD_REASONS.LENGTH, `must be ${securityCodeLength} digits for ${name}`]
}

function checkValue(path: FlexFieldPath, value: string, now: Date): Problem {
  if (value.length > MAX_LENGTH)
    return [FLEX_FIELD_REASONS.LENGTH, `must be at most ${MAX_LENGTH} characters`]
  if (CONTROL_CHARACTERS.test(value))
    return [FLEX_FIELD_REASONS.FORMAT, 'must not contain control characters']
  return CHECKS[path]?.(value, now)
}

/**
 * Checks customer data against a capture context's field lists and the field rules, without
 * throwing: every required field present (an empty string counts as missing), nothing outside
 * required ∪ optional, strings only, and each value's format (card number 12–19 digits passing
 * Luhn, of a length its brand allows; security code 3–4 digits, exactly 4 for American Express
 * and 3 for the other recognised brands; month 01–12, four-digit year not in the past, an unexpired
 * month, ISO 4217 currency, decimal amount, e-mail and country shapes). Accepts data nested by
 * field path, keyed by dotted path, or both. Issues name the path and rule, never the value.
 *
 * @example
 * ```ts
 * const { data, issues } = validatePaymentData(input, {
 *   requiredFields: context.requiredFields,
 *   optionalFields: context.optionalFields,
 * })
 * ```
 */
export function validatePaymentData(
  input: unknown,
  options: ValidatePaymentDataOptions,
): ValidatePaymentDataResult {
  const now = options.currentDate ?? new Date()
  const allowed = new Set<FlexFieldPath>([...options.requiredFields, ...options.optionalFields])
  const values = new Map<FlexFieldPath, string>()
  const leafIssues: FlexFieldIssue[] = []
  const treeIssues = walkFieldTree(
    input,
    (path, value) => {
      if (!allowed.has(path)) {
        leafIssues.push({
          path,
          reason: FLEX_FIELD_REASONS.NOT_ALLOWED,
          message: 'is not collected by this capture context',
        })
      } else if (typeof value !== 'string') {
        leafIssues.push({
          path,
          reason: FLEX_FIELD_REASONS.NOT_A_STRING,
          message: 'must be a string',
        })
      } else if (value !== '') {
        const problem = checkValue(path, value, now)
        if (problem) leafIssues.push({ path, reason: problem[0], message: problem[1] })
        else
          values.set(
            path,
            path === 'paymentInformation.card.number' ? normalizeCardNumber(value) : value,
          )
      }
    },
    { allowDottedKeys: true, root: 'data' },
  )
  const issues = [...treeIssues, ...leafIssues]
  if (issues.some((issue) => issue.path === 'data')) return { data: {}, issues }
  for (const path of options.requiredFields) {
    if (!values.has(path) && !issues.some((issue) => issue.path === path)) {
      issues.push({ path, reason: FLEX_FIELD_REASONS.REQUIRED, message: 'is required' })
    }
  }
  const codeProblem = checkSecurityCodeLength(values)
  if (codeProblem) {
    values.delete('paymentInformation.card.securityCode')
    const [reason, message] = codeProblem
    issues.push({ path: 'paymentInformation.card.securityCode', reason, message })
  }
  const month = values.get('paymentInformation.card.expirationMonth')
  const year = values.get('paymentInformation.card.expirationYear')
  if (
    month !== undefined &&
    Number(year) === now.getUTCFullYear() &&
    Number(month) < now.getUTCMonth() + 1
  ) {
    issues.push({
      path: 'paymentInformation.card.expirationMonth',
      reason: FLEX_FIELD_REASONS.EXPIRED,
      message: 'the card has expired',
    })
  }
  return { data: nestFieldValues(values), issues }
}

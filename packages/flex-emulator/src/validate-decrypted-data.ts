import { createUsageError } from 'flex-types/internal'
import {
  BRANCH_PATHS,
  CAPTURABLE_PATHS,
  cardDigits,
  checkFieldValue,
} from './capture-field-rules.js'
import { checkSecurityCodeLength } from './card-brand-lengths.js'

/** One problem with the captured data: a field path (never a value) and what is wrong. */
interface DecryptedDataIssue {
  path: string
  message: string
}

/** The outcome: the valid values nested by path (card number as digits), and the issues. */
export interface DecryptedDataResult {
  data: Record<string, unknown>
  issues: DecryptedDataIssue[]
}

const NAME_LIKE = /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/
const HIDDEN_KEY = '<unrecognized key>'
// As flex-types: at most this much of the caller's text in one issue path.
const MAX_SHOWN_LENGTH = 64

// An unknown key is the caller's text (card digits typed into the wrong place): only the parts
// that look like names are shown.
function unknownKeyPath(parent: string, key: string): string {
  const shown = parent === '' ? [] : [parent]
  let length = 0
  for (const part of key.split('.')) {
    length += (length > 0 ? 1 : 0) + part.length
    const safe = NAME_LIKE.test(part) && !/[0-9]{3}/.test(part) && length <= MAX_SHOWN_LENGTH
    shown.push(safe ? part : HIDDEN_KEY)
    if (!safe) break
  }
  return shown.join('.')
}

function isRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === null || prototype === Object.prototype
}

function nest(values: Map<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {}
  for (const [path, value] of values) {
    const parts = path.split('.')
    const leaf = parts.pop() as string
    let node = root
    for (const part of parts) {
      if (!isRecord(node[part])) node[part] = {}
      node = node[part] as Record<string, unknown>
    }
    node[leaf] = value
  }
  return root
}

/**
 * The emulator's own check of the decrypted `data` against a capture context (docs/protocol.md
 * section 4): nested or flat dotted keys, only capturable paths, each given once, nothing outside
 * required ∪ optional, strings only, every required field present and non-empty, each value's
 * rule, a security code as long as the card brand wants (4 digits for American Express, 3 for
 * the other known brands), and a card that has not expired at `now` (the emulator clock).
 *
 * @example
 * ```ts
 * const { data, issues } = validateDecryptedData(payload.data, record.requiredFields,
 *   record.optionalFields, state.clock.now())
 * ```
 */
export function validateDecryptedData(
  input: unknown,
  requiredFields: readonly string[],
  optionalFields: readonly string[],
  now: Date,
): DecryptedDataResult {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw createUsageError('validateDecryptedData', 'now', 'must be a valid Date')
  }
  if (!isRecord(input))
    return { data: {}, issues: [{ path: 'data', message: 'must be an object' }] }
  const collected = new Set([...requiredFields, ...optionalFields])
  const structure: DecryptedDataIssue[] = []
  const values: DecryptedDataIssue[] = []
  const accepted = new Map<string, string>()
  const given = new Set<string>()
  const readLeaf = (path: string, value: unknown): void => {
    if (!collected.has(path)) {
      values.push({ path, message: 'is not collected by this capture context' })
    } else if (typeof value !== 'string') {
      values.push({ path, message: 'must be a string' })
    } else if (value !== '') {
      const problem = checkFieldValue(path, value, now)
      if (problem) values.push({ path, message: problem })
      else accepted.set(path, path === 'paymentInformation.card.number' ? cardDigits(value) : value)
    }
  }
  const readBranch = (node: Record<string, unknown>, parent: string): void => {
    for (const [key, value] of Object.entries(node)) {
      const path = parent === '' ? key : `${parent}.${key}`
      if (CAPTURABLE_PATHS.has(path)) {
        if (given.has(path)) structure.push({ path, message: 'is given twice' })
        else {
          given.add(path)
          readLeaf(path, value)
        }
      } else if (!BRANCH_PATHS.has(path)) {
        structure.push({ path: unknownKeyPath(parent, key), message: 'is not a field path' })
      } else if (isRecord(value)) {
        readBranch(value, path)
      } else {
        structure.push({ path, message: 'must be an object' })
      }
    }
  }
  readBranch(input, '')
  const issues = [...structure, ...values]
  for (const path of requiredFields) {
    if (!accepted.has(path) && !issues.some((issue) => issue.path === path)) {
      issues.push({ path, message: 'is required' })
    }
  }
  const number = accepted.get('paymentInformation.card.number')
  const securityCode = accepted.get('paymentInformation.card.securityCode')
  if (number !== undefined && securityCode !== undefined) {
    const problem = checkSecurityCodeLength(number, securityCode)
    if (problem) {
      accepted.delete('paymentInformation.card.securityCode')
      issues.push({ path: 'paymentInformation.card.securityCode', message: problem })
    }
  }
  const month = accepted.get('paymentInformation.card.expirationMonth')
  const year = accepted.get('paymentInformation.card.expirationYear')
  if (month !== undefined && year !== undefined) {
    const expiredThisYear =
      Number(year) === now.getUTCFullYear() && Number(month) <= now.getUTCMonth()
    if (expiredThisYear) {
      issues.push({
        path: 'paymentInformation.card.expirationMonth',
        message: 'the card has expired',
      })
    }
  }
  return { data: nest(accepted), issues }
}

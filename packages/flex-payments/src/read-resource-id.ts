import { FLEX_FIELD_REASONS, type FlexFieldIssue } from 'flex-types'
import { createUsageError } from 'flex-types/internal'

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/

/** Tells whether `text` holds a control character (U+0000–U+001F, U+007F). */
export function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index)
    if (unit < 0x20 || unit === 0x7f) return true
  }
  return false
}

/**
 * Reads an id that goes into a path or a reference (`paymentId`, `transactionId`): 1–64 letters,
 * digits, `-` or `_`. Adds an issue when it is not; never echoes it.
 */
export function readResourceId(
  caller: string,
  field: string,
  value: unknown,
  issues: FlexFieldIssue[],
): string {
  if (typeof value !== 'string') throw createUsageError(caller, field, 'must be a string')
  if (!SAFE_ID.test(value)) {
    issues.push({
      path: field,
      reason: FLEX_FIELD_REASONS.FORMAT,
      message: 'must be 1 to 64 letters, digits, - or _',
    })
  }
  return value
}

/** A fresh transaction id: 32 hexadecimal characters from `crypto.getRandomValues`. */
function createTransactionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** The caller's transaction id when given (checked), else a fresh one. */
export function readTransactionId(
  caller: string,
  value: unknown,
  issues: FlexFieldIssue[],
): string {
  return value === undefined
    ? createTransactionId()
    : readResourceId(caller, 'transactionId', value, issues)
}

/** Reads `clientReference` (`clientReferenceInformation.code`): 1–50 characters, no control. */
export function readClientReference(
  caller: string,
  value: unknown,
  issues: FlexFieldIssue[],
): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string')
    throw createUsageError(caller, 'clientReference', 'must be a string')
  if (value.length === 0 || value.length > 50 || hasControlCharacter(value)) {
    issues.push({
      path: 'clientReference',
      reason: FLEX_FIELD_REASONS.LENGTH,
      message: 'must be 1 to 50 characters without control characters',
    })
  }
  return value
}

/** Checks the `client` argument, the options object and the `signal` option of every operation. */
export function readCommonArguments(caller: string, client: unknown, options: unknown): void {
  const candidate = client as { request?: unknown; origin?: unknown } | null
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.request !== 'function' ||
    typeof candidate.origin !== 'string'
  ) {
    throw createUsageError(caller, 'client', 'must be a flex-client client (origin and request)')
  }
  if (typeof options !== 'object' || options === null) {
    throw createUsageError(caller, 'options', 'must be an object')
  }
  const signal: unknown = (options as { signal?: unknown }).signal
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw createUsageError(caller, 'signal', 'must be an AbortSignal')
  }
}

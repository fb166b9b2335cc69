import { parseJsonObject } from './parse-json-object.js'
import { type PaymentRefusal, refuseField, refusePayment } from './payment-refusal.js'
import { readContentType } from './read-content-type.js'

/** A JSON object of a payment request. */
export type JsonObject = Record<string, unknown>

const JSON_TYPES = new Set(['application/json', 'application/hal+json'])

/**
 * Reads a payment request body: `application/json` (or `hal+json`) in UTF-8, strict JSON, an
 * object at the top.
 */
export function readPaymentBody(
  contentType: unknown,
  body: Uint8Array,
  now: Date,
): JsonObject | PaymentRefusal {
  const { mediaType, charsets } = readContentType(contentType)
  if (!JSON_TYPES.has(mediaType) || charsets.some((charset) => charset !== 'utf-8')) {
    return refusePayment(now, 'INVALID_DATA', 'Content-Type must be application/json')
  }
  const parsed = parseJsonObject(body)
  if (parsed === 'json') {
    return refusePayment(now, 'INVALID_DATA', 'The request body is not valid JSON')
  }
  if (parsed === 'not-object') {
    return refusePayment(now, 'INVALID_DATA', 'The request body must be a JSON object')
  }
  return parsed
}

function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index)
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}

function nodeAt(body: JsonObject, path: string): unknown {
  let node: unknown = body
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined
    node = Object.hasOwn(node, part) ? (node as JsonObject)[part] : undefined
  }
  return node
}

/**
 * A string member at a dotted path: `undefined` when absent (or null), a refusal naming the
 * field when it is not a string, is empty, too long or holds control characters.
 */
export function optionalString(
  body: JsonObject,
  path: string,
  now: Date,
  maxLength = 256,
): string | undefined | PaymentRefusal {
  const value = nodeAt(body, path)
  if (value === undefined || value === null) return undefined
  if (
    typeof value !== 'string' ||
    value === '' ||
    value.length > maxLength ||
    hasControlCharacter(value)
  ) {
    return refuseField(
      now,
      path,
      'INVALID_DATA',
      `${path} must be a string of 1 to ${maxLength} characters`,
    )
  }
  return value
}

/** Like `optionalString`, but absence is refused as MISSING_FIELD. */
export function requiredString(
  body: JsonObject,
  path: string,
  now: Date,
  maxLength = 256,
): string | PaymentRefusal {
  const value = optionalString(body, path, now, maxLength)
  return value === undefined
    ? refuseField(now, path, 'MISSING_FIELD', `${path} is required`)
    : value
}

/** A boolean member at a dotted path, `undefined` when absent. */
export function optionalBoolean(
  body: JsonObject,
  path: string,
  now: Date,
): boolean | undefined | PaymentRefusal {
  const value = nodeAt(body, path)
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'boolean') {
    return refuseField(now, path, 'INVALID_DATA', `${path} must be true or false`)
  }
  return value
}

/** Whether a value read above is a refusal. */
export function isRefusal(value: unknown): value is PaymentRefusal {
  return typeof value === 'object' && value !== null && 'body' in value && 'status' in value
}

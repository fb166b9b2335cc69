import { type CaptureContext, isFlexFieldPath } from 'flex-types'

const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/

function isFieldList(value: unknown): boolean {
  return Array.isArray(value) && value.every(isFlexFieldPath)
}

/**
 * Checks the members of a capture context that encryption reads; a wrong shape is a programmer
 * error (a TypeError naming the member, never its value).
 */
export function assertCaptureContext(value: unknown): asserts value is CaptureContext {
  if (typeof value !== 'object' || value === null) {
    throw new TypeError('encryptPaymentData: captureContext must be a verified capture context')
  }
  const context = value as Record<string, unknown>
  if (typeof context.jwt !== 'string' || !COMPACT_JWT.test(context.jwt)) {
    throw new TypeError('encryptPaymentData: captureContext.jwt must be a compact JWT string')
  }
  const key = context.encryptionKey
  if (typeof key !== 'object' || key === null || Array.isArray(key)) {
    throw new TypeError('encryptPaymentData: captureContext.encryptionKey must be a JWK object')
  }
  if (!isFieldList(context.requiredFields)) {
    throw new TypeError('encryptPaymentData: captureContext.requiredFields must list field paths')
  }
  if (!isFieldList(context.optionalFields)) {
    throw new TypeError('encryptPaymentData: captureContext.optionalFields must list field paths')
  }
  if (!(context.expiresAt instanceof Date) || Number.isNaN(context.expiresAt.getTime())) {
    throw new TypeError('encryptPaymentData: captureContext.expiresAt must be a valid Date')
  }
}

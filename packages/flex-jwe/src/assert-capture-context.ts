import { type CaptureContext, isFlexFieldPath } from 'flex-types'
import { createUsageError, isCompactJws, isJsonObject } from 'flex-types/internal'

const CALLER = 'encryptPaymentData'

function isFieldList(value: unknown): boolean {
  return Array.isArray(value) && value.every(isFlexFieldPath)
}

/**
 * Checks the members of a capture context that encryption reads; a wrong shape is a programmer
 * error (a usage error naming the member, never its value).
 */
export function assertCaptureContext(value: unknown): asserts value is CaptureContext {
  if (typeof value !== 'object' || value === null) {
    throw createUsageError(CALLER, 'captureContext', 'must be a verified capture context')
  }
  const context = value as Record<string, unknown>
  if (!isCompactJws(context.jwt)) {
    throw createUsageError(CALLER, 'captureContext.jwt', 'must be a compact JWT string')
  }
  const key = context.encryptionKey
  if (!isJsonObject(key)) {
    throw createUsageError(CALLER, 'captureContext.encryptionKey', 'must be a JWK object')
  }
  if (!isFieldList(context.requiredFields)) {
    throw createUsageError(CALLER, 'captureContext.requiredFields', 'must list field paths')
  }
  if (!isFieldList(context.optionalFields)) {
    throw createUsageError(CALLER, 'captureContext.optionalFields', 'must list field paths')
  }
  if (!(context.expiresAt instanceof Date) || Number.isNaN(context.expiresAt.getTime())) {
    throw createUsageError(CALLER, 'captureContext.expiresAt', 'must be a valid Date')
  }
}

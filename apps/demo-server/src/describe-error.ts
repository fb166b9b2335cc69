import { FlexError } from 'flex-types'

/** What a page or a log line may say about a failure: never a message from elsewhere. */
export interface DescribedError {
  code: string
  message: string
  /** The service's reason code, e.g. `NOT_VOIDABLE`, when it gave one. */
  reason?: string
  /** `v-c-correlation-id` of the failed call, for a support ticket. */
  correlationId?: string
}

const REASON = /^[A-Z][A-Z0-9_]{0,63}$/
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/

function readString(value: unknown, key: string, shape: RegExp): string | undefined {
  const member = (value as Record<string, unknown>)[key]
  return typeof member === 'string' && shape.test(member) ? member : undefined
}

/**
 * Describes a failure for the page: a Flex error by its stable code, message (Flex errors promise
 * one free of card data), service reason and correlation id; any other by its name only.
 *
 * @example
 * ```ts
 * describeError(error) // { code: 'ERR_FLEX_REQUEST_INVALID', message: '…', reason: 'NOT_VOIDABLE', correlationId: '…' }
 * ```
 */
export function describeError(error: unknown): DescribedError {
  if (!FlexError.isInstance(error)) {
    const name = error instanceof Error ? error.name : typeof error
    return { code: 'UNEXPECTED', message: `unexpected ${name}` }
  }
  const reason = readString(error, 'reason', REASON) ?? readString(error, 'serviceReason', REASON)
  const correlationId = readString(error, 'correlationId', CORRELATION_ID)
  return {
    code: error.code,
    message: error.message,
    ...(reason ? { reason } : {}),
    ...(correlationId ? { correlationId } : {}),
  }
}

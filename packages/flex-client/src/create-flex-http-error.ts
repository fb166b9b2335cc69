import {
  FLEX_CAPTURE_CONTEXT_REASONS,
  FlexCaptureContextError,
  type FlexCaptureContextReason,
} from 'flex-types'
import { containsCardLikeDigits, isJsonObject, parseRetryAfter } from 'flex-types/internal'
import {
  describeHttpFailure,
  FlexAuthenticationError,
  FlexHttpError,
  type FlexHttpErrorDetails,
  FlexRateLimitError,
  FlexRequestError,
  FlexServerError,
} from './errors.js'

/** An HTTP answer with an error status, as read off the wire. */
export interface HttpErrorAnswer {
  status: number
  headers: Headers
  /** The response body as text ('' when there was none or it could not be read). */
  body: string
  method: string
  path: string
}

// Only short, plain identifiers are copied from a body: anything else could echo request data.
// Reasons are upper-case codes (INVALID_APIKEY), locations are paths (captureData.number), correlation ids
// are long tokens: short digit strings (a security code) and long ones (a card) fit none of them.
const REASON = /^[A-Z][A-Z0-9_]{0,63}$/
const CORRELATION_ID = /^[A-Za-z0-9_.:-]{8,128}$/
const LOCATION = /^[A-Za-z][A-Za-z0-9_.[\]-]{0,127}$/

// A run of 12 or more digits, with or without separators, could be a card number echoed back.
function pick(value: unknown, pattern: RegExp): string | undefined {
  return typeof value === 'string' && pattern.test(value) && !containsCardLikeDigits(value)
    ? value
    : undefined
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isJsonObject(value) ? value : undefined
}

function readLocations(details: unknown): string[] {
  const entries = Array.isArray(details) ? details : details === undefined ? [] : [details]
  const locations: string[] = []
  for (const entry of entries) {
    const location = pick(asRecord(entry)?.location, LOCATION)
    if (location !== undefined && !locations.includes(location)) locations.push(location)
  }
  return locations
}

// The service's explanation is prose, so it gets stricter rules than the identifiers: printable
// ASCII, bounded, and nothing that could be request data (a card number, a security code or a
// year: 3 digits in a row, or card-like digits however separated; an e-mail; a key, a secret or
// a JWT: a long token-like run).
const SERVICE_MESSAGE = /^[\x20-\x7E]{1,1000}$/
const MAX_SERVICE_MESSAGE = 200
const DIGIT_RUN = /\d{3}/
const TOKEN_LIKE = /[A-Za-z0-9+/=_.-]{24}/

function readServiceMessage(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  if (!SERVICE_MESSAGE.test(text) || DIGIT_RUN.test(text) || text.includes('@')) return undefined
  if (TOKEN_LIKE.test(text) || containsCardLikeDigits(text)) return undefined
  return text.length > MAX_SERVICE_MESSAGE ? `${text.slice(0, MAX_SERVICE_MESSAGE - 3)}...` : text
}

function readBody(body: string): Record<string, unknown> {
  try {
    const parsed = asRecord(JSON.parse(body))
    if (parsed === undefined) return {}
    // The iOS SDK's form nests everything under `responseStatus`; the gateway's authentication
    // failures are `{ response: { rmsg } }` (docs/protocol.md section 7).
    const gateway = asRecord(parsed.response)
    if (gateway !== undefined && 'rmsg' in gateway) return { message: gateway.rmsg }
    return asRecord(parsed.responseStatus) ?? parsed
  } catch {
    return {}
  }
}

// The same condition as flex-jwe's and flex-jwt's refusals, so the same class (from flex-types).
const CAPTURE_CONTEXT_REASONS: Readonly<Record<string, FlexCaptureContextReason>> = {
  CAPTURE_CONTEXT_EXPIRED: FLEX_CAPTURE_CONTEXT_REASONS.EXPIRED,
  CREATE_TOKEN_CAPTURE_CONTEXT_USED_TOO_MANY_TIMES:
    FLEX_CAPTURE_CONTEXT_REASONS.USED_TOO_MANY_TIMES,
}

/** The `v-c-correlation-id` header when it is a plain identifier. */
export function readCorrelationIdHeader(headers: Headers): string | undefined {
  return pick(headers.get('v-c-correlation-id'), CORRELATION_ID)
}

function readRetryAfterSeconds(headers: Headers, now: number): number | undefined {
  const milliseconds = parseRetryAfter(headers.get('retry-after'), now)
  return milliseconds === undefined ? undefined : Math.ceil(milliseconds / 1000)
}

/**
 * The one mapping from an HTTP error status and a Cybersource error body (the `reason` form or
 * the `responseStatus` form, `details` as an array or a single object, or the gateway's
 * `{ response: { rmsg } }`) to a typed Flex error.
 * Only the status, the reason code, the correlation id, the field locations and a whitelisted
 * service message are kept.
 */
export function createFlexHttpError(
  answer: HttpErrorAnswer,
  now: number = Date.now(),
): FlexHttpError | FlexCaptureContextError {
  const body = readBody(answer.body)
  const reason = pick(body.reason, REASON)
  const details: FlexHttpErrorDetails = {
    status: answer.status,
    method: answer.method,
    path: answer.path,
    reason,
    correlationId:
      pick(body.correlationId, CORRELATION_ID) ?? readCorrelationIdHeader(answer.headers),
    fieldLocations: readLocations(body.details),
    serviceMessage: readServiceMessage(body.message),
  }
  const { status } = answer
  if (status >= 400 && status < 500) {
    const condition = CAPTURE_CONTEXT_REASONS[reason ?? '']
    if (condition !== undefined) {
      const { correlationId } = details
      return new FlexCaptureContextError(condition, describeHttpFailure(details), {
        status,
        serviceReason: reason,
        correlationId,
      })
    }
    if (status === 401 || status === 403) return new FlexAuthenticationError(details)
    if (status === 429) {
      return new FlexRateLimitError({
        ...details,
        retryAfter: readRetryAfterSeconds(answer.headers, now),
      })
    }
    return new FlexRequestError(details)
  }
  if (status >= 500 && status < 600) return new FlexServerError(details)
  return new FlexHttpError(details)
}

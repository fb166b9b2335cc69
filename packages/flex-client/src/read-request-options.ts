import { createUsageError } from 'flex-types/internal'

/** The methods `client.request` sends. */
export type FlexRequestMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** One authenticated call to a Cybersource REST path on the client's origin. */
export interface FlexRequestOptions {
  method: FlexRequestMethod
  /** The path (and, if need be, a query) on the client's origin, e.g. `/pts/v2/payments`. */
  path: string
  /** Sent as JSON (at most 64 KiB once encoded); not allowed with GET or DELETE. */
  body?: unknown
  signal?: AbortSignal
  /** A name for the hook events, e.g. `authorizePayment` (default `request`). */
  operation?: string
}

/** A request checked and ready to send. */
export interface CheckedRequest {
  method: FlexRequestMethod
  url: URL
  body: Uint8Array | undefined
  signal: AbortSignal | undefined
  operation: string
}

// As much as the client reads of an answer: a payment body is a few KiB.
const MAX_REQUEST_BYTES = 65_536

const CALLER = 'request'
const METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
// RFC 3986 path and query characters, without '#', '\' or whitespace; '%' only as an escape.
const PATH =
  /^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*(?:\?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$/
const OPERATION = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/
const encoder = new TextEncoder()

function readUrl(path: unknown, origin: string): URL {
  if (typeof path !== 'string') throw createUsageError(CALLER, 'path', 'must be a string')
  if (!PATH.test(path) || path.startsWith('//')) {
    throw createUsageError(
      CALLER,
      'path',
      "must be a path starting with '/', without scheme, host or fragment",
    )
  }
  const [pathname = ''] = path.split('?')
  if (/(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i.test(pathname) || /%2f|%5c/i.test(pathname)) {
    throw createUsageError(
      CALLER,
      'path',
      "must not contain '.' or '..' segments or encoded slashes",
    )
  }
  const url = new URL(path, origin)
  if (url.origin !== origin || `${url.pathname}${url.search}` !== path) {
    throw createUsageError(
      CALLER,
      'path',
      "must be a path starting with '/', without scheme, host or fragment",
    )
  }
  return url
}

/**
 * Encodes a request body as JSON within the size limit; what cannot be sent is a usage error
 * naming `option`.
 */
export function encodeJsonBody(caller: string, option: string, body: unknown): Uint8Array {
  let text: string | undefined
  try {
    text = JSON.stringify(body)
  } catch {
    text = undefined
  }
  if (text === undefined) throw createUsageError(caller, option, 'must be serializable as JSON')
  const bytes = encoder.encode(text)
  if (bytes.byteLength > MAX_REQUEST_BYTES) {
    throw createUsageError(caller, option, `must be at most ${MAX_REQUEST_BYTES} bytes as JSON`)
  }
  return bytes
}

function readBody(method: FlexRequestMethod, body: unknown): Uint8Array | undefined {
  if (body === undefined) return undefined
  if (method === 'GET' || method === 'DELETE') {
    throw createUsageError(CALLER, 'body', `must be left out with ${method}`)
  }
  return encodeJsonBody(CALLER, 'body', body)
}

/** Checks every member of a `client.request` call; nothing is sent when one is wrong. */
export function readRequestOptions(options: FlexRequestOptions, origin: string): CheckedRequest {
  if (typeof options !== 'object' || options === null) {
    throw createUsageError(CALLER, 'options', 'must be an object')
  }
  const { method, signal, operation = 'request' } = options
  if (typeof method !== 'string' || !METHODS.has(method)) {
    throw createUsageError(CALLER, 'method', 'must be GET, POST, PUT, PATCH or DELETE')
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw createUsageError(CALLER, 'signal', 'must be an AbortSignal')
  }
  if (typeof operation !== 'string' || !OPERATION.test(operation)) {
    throw createUsageError(
      CALLER,
      'operation',
      'must be a name of letters, digits, _ . - (at most 64)',
    )
  }
  const url = readUrl(options.path, origin)
  return { method, url, body: readBody(method, options.body), signal, operation }
}

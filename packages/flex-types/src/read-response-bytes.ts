import { MAX_TIMER_DELAY } from './read-duration-option.js'
import { createUsageError } from './usage-error.js'

/** What reading a response body gave: its bytes, or why there are none. */
export type ReadResponseBytesResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: 'too-large' | 'timeout' }

const CALLER = 'readResponseBytes'

/** Limits for {@link readResponseBytes}. */
export interface ReadResponseBytesOptions {
  /** The most bytes accepted; a declared `content-length` or a stream past it is refused. */
  maxBytes: number
  /** Milliseconds allowed for the whole body, from the call; none when omitted. */
  timeout?: number | undefined
}

/**
 * Reads a fetch `Response` body as a stream within a size limit (and optionally a time limit),
 * so a misbehaving server or proxy cannot make a client hold an unbounded body or wait on a
 * trickle forever. The body is cancelled as soon as a limit is reached; a stream error rejects.
 *
 * @throws TypeError (`ERR_INVALID_ARG_VALUE`) when `maxBytes` or `timeout` is not a usable integer, or the body yields
 * something other than bytes (the body is cancelled then).
 * Web-standard APIs only (ReadableStream, setTimeout).
 *
 * @example
 * ```ts
 * const body = await readResponseBytes(response, { maxBytes: 65_536, timeout: 10_000 })
 * if (body.ok) console.log(new TextDecoder().decode(body.bytes))
 * else console.log(body.reason) // 'too-large' | 'timeout'
 * ```
 */
export async function readResponseBytes(
  response: Response,
  options: ReadResponseBytesOptions,
): Promise<ReadResponseBytesResult> {
  const { maxBytes, timeout } = options
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw createUsageError(CALLER, '`maxBytes`', 'must be a non-negative integer')
  }
  if (
    timeout !== undefined &&
    (!Number.isSafeInteger(timeout) || timeout < 0 || timeout > MAX_TIMER_DELAY)
  ) {
    throw createUsageError(CALLER, '`timeout`', `must be an integer from 0 to ${MAX_TIMER_DELAY}`)
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (declared > maxBytes) {
    response.body?.cancel().catch(() => undefined)
    return { ok: false, reason: 'too-large' }
  }
  const body = response.body
  if (!body) return { ok: true, bytes: new Uint8Array(0) }
  const reader = body.getReader()
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut =
    timeout === undefined
      ? undefined
      : new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), timeout)
        })
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const next = await (timedOut ? Promise.race([reader.read(), timedOut]) : reader.read())
      if (next === 'timeout') {
        reader.cancel().catch(() => undefined)
        return { ok: false, reason: 'timeout' }
      }
      if (next.done) break
      if (!(next.value instanceof Uint8Array)) {
        reader.cancel().catch(() => undefined)
        throw createUsageError(CALLER, 'the response body', 'must be a stream of bytes')
      }
      total += next.value.byteLength
      if (total > maxBytes) {
        reader.cancel().catch(() => undefined)
        return { ok: false, reason: 'too-large' }
      }
      chunks.push(next.value)
    }
  } finally {
    clearTimeout(timer)
  }
  if (chunks.length === 1 && chunks[0]) return { ok: true, bytes: chunks[0] }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { ok: true, bytes }
}

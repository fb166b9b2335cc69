/** What reading a response body gave: its text, or why there is none. */
export type ResponseText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: 'timeout' | 'too-large' }

/**
 * The most bytes of a response body the client reads. A capture context is a few KiB and a
 * transient token or a Cybersource error body less, so 64 KiB is ample; a larger body (a proxy's
 * page, a misbehaving server) is refused before it is held in memory whole.
 */
export const MAX_RESPONSE_BYTES = 65_536

/**
 * Reads a response body as UTF-8 text within `timeout` milliseconds and `maxBytes` bytes: ky's
 * timeout ends with the headers, and a server that then trickles, or floods, its body must not
 * hold a payment call or its memory. The body is cancelled when either limit is reached.
 */
export async function readResponseText(
  response: Response,
  timeout: number,
  maxBytes: number = MAX_RESPONSE_BYTES,
): Promise<ResponseText> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (declared > maxBytes) {
    response.body?.cancel().catch(() => undefined)
    return { ok: false, reason: 'too-large' }
  }
  const body = response.body
  if (!body) return { ok: true, text: '' }
  const reader = body.getReader()
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeout)
  })
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), timedOut])
      if (next === 'timeout') {
        reader.cancel().catch(() => undefined)
        return { ok: false, reason: 'timeout' }
      }
      if (next.done) break
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
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { ok: true, text: new TextDecoder().decode(bytes) }
}

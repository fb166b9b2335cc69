import { readResponseBytes } from 'flex-types/internal'

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
 * Reads a response body as UTF-8 text within `timeout` milliseconds and 64 KiB: ky's timeout
 * ends with the headers, and a server that then trickles, or floods, its body must not hold a
 * payment call or its memory. The body is cancelled when either limit is reached.
 */
export async function readResponseText(response: Response, timeout: number): Promise<ResponseText> {
  const body = await readResponseBytes(response, { maxBytes: MAX_RESPONSE_BYTES, timeout })
  return body.ok ? { ok: true, text: new TextDecoder().decode(body.bytes) } : body
}

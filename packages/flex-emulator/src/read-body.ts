import type { IncomingMessage } from 'node:http'

const DRAIN_LIMIT = 1_048_576

/**
 * Reads a request body up to `limit` bytes: the bytes, `'too-large'` (from Content-Length or
 * once the limit is passed) or `'aborted'` when the client went away mid-body.
 */
export function readBody(
  request: IncomingMessage,
  limit: number,
): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const declared = Number(request.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) {
      resolve('too-large')
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      // Past the limit the rest is drained so the 413 can be read, but not without end.
      if (done) {
        if (size > limit + DRAIN_LIMIT) request.destroy()
        return
      }
      if (size > limit) {
        done = true
        resolve('too-large')
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks))
    })
    // A client that goes away mid-body is not a server error: there is no one left to answer.
    request.on('error', () => resolve('aborted'))
  })
}

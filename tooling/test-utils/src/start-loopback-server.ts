import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type LoopbackHandler = (
  request: IncomingMessage & { rawBody: Buffer },
  response: ServerResponse,
) => void | Promise<void>

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  readonly port: number
  /** How many requests the server has received. */
  readonly requestCount: () => number
  close(): Promise<void>
}

/**
 * Starts a `node:http` server on 127.0.0.1 with a free port; each request's whole body is read
 * into `request.rawBody` before the handler runs. Close it in `afterAll`.
 */
export async function startLoopbackServer(handler: LoopbackHandler): Promise<LoopbackServer> {
  let count = 0
  const server = createServer((request, response) => {
    count += 1
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      Promise.resolve(handler(Object.assign(request, { rawBody: Buffer.concat(chunks) }), response))
        .catch(() => {
          if (!response.headersSent) response.writeHead(500)
        })
        .finally(() => {
          if (!response.writableEnded) response.end()
        })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requestCount: () => count,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

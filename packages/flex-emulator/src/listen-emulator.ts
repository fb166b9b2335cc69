import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { SelfSignedCertificate } from './create-self-signed-certificate.js'

/** A listening server: its port, and how to stop it. */
export interface EmulatorListener {
  readonly port: number
  /** Stops listening and drops every open connection. */
  close(): Promise<void>
}

/** Where and how to listen. */
export interface ListenOptions {
  host: string
  port: number
  tls: SelfSignedCertificate | undefined
  listener(request: IncomingMessage, response: ServerResponse): void
}

function createServer(options: ListenOptions): Server {
  const server = options.tls
    ? createHttpsServer(
        { key: options.tls.privateKey, cert: options.tls.certificate },
        options.listener,
      )
    : createHttpServer(options.listener)
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })
  return server
}

/** Creates the HTTP(S) server and listens; rejects with the listen error (e.g. EADDRINUSE). */
export async function listenEmulator(options: ListenOptions): Promise<EmulatorListener> {
  const server = createServer(options)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, resolve)
  })
  const { port } = server.address() as AddressInfo
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

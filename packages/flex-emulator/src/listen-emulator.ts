import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { SelfSignedCertificate } from './create-self-signed-certificate.js'
import type { ConnectionLimits } from './read-emulator-options.js'

/** A listening server: its port, and how to stop it. */
export interface EmulatorListener {
  readonly port: number
  /** Stops listening and drops every open connection. */
  close(): Promise<void>
  /** How many connections are open. */
  connections(): Promise<number>
}

/** Where and how to listen. */
export interface ListenOptions {
  host: string
  port: number
  tls: SelfSignedCertificate | undefined
  limits: ConnectionLimits
  listener(request: IncomingMessage, response: ServerResponse): void
}

function createServer(options: ListenOptions): Server {
  const { limits } = options
  const serverOptions = {
    headersTimeout: limits.headersTimeout,
    requestTimeout: limits.requestTimeout,
    keepAliveTimeout: limits.keepAliveTimeout,
    // Node checks the two timeouts on this interval (30 s by default): short timeouts need a
    // shorter one to be kept.
    connectionsCheckingInterval: Math.max(
      10,
      Math.min(1_000, Math.floor(limits.headersTimeout / 4)),
    ),
  }
  const server = options.tls
    ? createHttpsServer(
        { ...serverOptions, key: options.tls.privateKey, cert: options.tls.certificate },
        options.listener,
      )
    : createHttpServer(serverOptions, options.listener)
  server.maxConnections = limits.maxConnections
  server.maxRequestsPerSocket = limits.maxRequestsPerSocket
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const status =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request'
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`)
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
    connections: () =>
      new Promise((resolve, reject) =>
        server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      ),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

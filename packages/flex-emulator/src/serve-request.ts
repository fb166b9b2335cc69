import type { IncomingMessage, ServerResponse } from 'node:http'
import { refuse } from './error-body.js'
import { formatLogLine } from './log-request.js'
import { sendRefusal } from './send-response.js'

/** The node:http listener of the emulator and the requests it is still handling. */
export interface RequestServing {
  listener(request: IncomingMessage, response: ServerResponse): void
  /** Resolves once every request accepted so far has finished (answered, failed or aborted). */
  settled(): Promise<void>
  /** How many requests are being handled. */
  inFlight(): number
}

/**
 * Wraps the request handler: a failure becomes a 500 (or a dropped connection once the answer
 * had started), every request gets one log line, and requests in flight are tracked so close()
 * can wait for them (a signature can be on the thread pool when close() is called).
 */
export function serveRequests(options: {
  handle(request: IncomingMessage, response: ServerResponse): Promise<string>
  logPath(target: string | undefined): string
  log: ((line: string) => void) | undefined
  maxRequestsPerSocket: number
}): RequestServing {
  const inFlight = new Set<Promise<void>>()
  const servedPerSocket = new WeakMap<object, number>()
  return {
    listener(request, response) {
      const started = performance.now()
      // Node announces the last request of a socket with Connection: close but leaves the socket
      // open for the client to close; saying it ourselves makes Node close it after the answer.
      const served = (servedPerSocket.get(request.socket) ?? 0) + 1
      servedPerSocket.set(request.socket, served)
      if (served >= options.maxRequestsPerSocket) response.setHeader('Connection', 'close')
      const path = options.logPath(request.url)
      const handled = options
        .handle(request, response)
        .catch(() => {
          if (!response.headersSent) {
            sendRefusal(response, refuse(500, 'SERVER_ERROR', 'The emulator failed'))
          } else response.destroy()
          return '500 SERVER_ERROR'
        })
        .then((outcome) => {
          // An answer written to a connection that had already gone never reached the client.
          const delivered =
            response.writableFinished ||
            outcome.startsWith('dropped') ||
            outcome.startsWith('aborted')
          options.log?.(
            formatLogLine(request.method, path, outcome, delivered, performance.now() - started),
          )
        })
        .finally(() => inFlight.delete(handled))
      inFlight.add(handled)
    },
    async settled() {
      await Promise.allSettled(inFlight)
    },
    inFlight: () => inFlight.size,
  }
}

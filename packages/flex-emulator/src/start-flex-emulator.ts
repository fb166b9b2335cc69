import { randomBytes } from 'node:crypto'
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { decodeBase64Url } from 'flex-types/internal'
import { createSelfSignedCertificate } from './create-self-signed-certificate.js'
import { createEmulatorClock, type EmulatorClock } from './emulator-clock.js'
import type { EmulatorState } from './emulator-state.js'
import { type Refusal, refuse } from './error-body.js'
import { createFaultInjector, type FaultInjector } from './fault-injector.js'
import { handlePublicKey } from './handle-public-key.js'
import { handleSessions } from './handle-sessions.js'
import { handleTokens } from './handle-tokens.js'
import type { InspectedTransientToken } from './inspected-transient-token.js'
import { createJwtIdRegister } from './jwt-id-register.js'
import { createKeyPool, type KeyPoolOptions } from './key-pool.js'
import {
  checkMerchants,
  type FlexEmulatorMerchant,
  generateMerchant,
} from './merchant-credentials.js'
import { createSigningKeyRing } from './signing-key-ring.js'

/** Options of `startFlexEmulator`; every one is optional. */
export interface FlexEmulatorOptions {
  /** The port; `0` (the default) picks a free one. */
  port?: number
  /** The address to bind. Default `127.0.0.1` (loopback only). */
  host?: string
  /** The merchants it accepts. Default: one with credentials generated at start. */
  merchants?: FlexEmulatorMerchant[]
  /** Serve HTTPS with a self-signed certificate made at start (see `certificate`). Default false. */
  tls?: boolean
  /** How many times one capture context may be used at `/flex/v2/tokens`. Default 5. */
  maxUsesPerCaptureContext?: number
  /** The pool of one-time RSA keys. */
  keyPool?: KeyPoolOptions
  /** The largest request body accepted, in bytes; larger ones get 413. Default 65536. */
  bodyLimit?: number
  /**
   * Request logging: `true` writes one redacted line per request to the console, a function
   * receives the lines. Lines hold method, path, status, reason and time, never bodies or
   * headers. Default false.
   */
  log?: boolean | ((line: string) => void)
}

/** A running emulator. */
export interface FlexEmulator {
  /** `http://127.0.0.1:<port>` (or `https://…` with `tls`): also the capture contexts' `flx.origin`. */
  readonly url: string
  readonly port: number
  /** The first merchant's credentials. */
  readonly merchant: FlexEmulatorMerchant
  readonly merchants: readonly FlexEmulatorMerchant[]
  /** The PEM certificate to trust when `tls` is on. */
  readonly certificate: string | undefined
  /** The capture-context and token clock; move it to reach expiry without waiting. */
  readonly clock: EmulatorClock
  /** Fault injection per route. */
  readonly faults: FaultInjector
  /** The kids of the long-term signing keys, the current one last. */
  signingKeyIds(): string[]
  /** Makes a new long-term signing key current; older keys stay served. Returns the new kid. */
  rotateSigningKey(): Promise<string>
  /** What the emulator received for a transient token, by jti or JWT; never the full PAN. */
  inspectTransientToken(jtiOrJwt: string): InspectedTransientToken | undefined
  /** Resolves when the one-time key pool is full (useful before measuring), or once closed. */
  waitForKeyPool(): Promise<void>
  /** Stops listening, drops open connections and stops the key pool. */
  close(): Promise<void>
}

type Route = 'sessions' | 'public-keys' | 'tokens'

function checkOptions(options: FlexEmulatorOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('startFlexEmulator: options must be an object')
  }
  const { port, host, bodyLimit, maxUsesPerCaptureContext, log, tls } = options
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new TypeError('startFlexEmulator: options.port must be an integer from 0 to 65535')
  }
  if (host !== undefined && (typeof host !== 'string' || host === '')) {
    throw new TypeError('startFlexEmulator: options.host must be a non-empty string')
  }
  if (bodyLimit !== undefined && (!Number.isInteger(bodyLimit) || bodyLimit < 1024)) {
    throw new TypeError('startFlexEmulator: options.bodyLimit must be an integer of at least 1024')
  }
  if (
    maxUsesPerCaptureContext !== undefined &&
    (!Number.isInteger(maxUsesPerCaptureContext) || maxUsesPerCaptureContext < 1)
  ) {
    throw new TypeError(
      'startFlexEmulator: options.maxUsesPerCaptureContext must be a positive integer',
    )
  }
  if (log !== undefined && typeof log !== 'boolean' && typeof log !== 'function') {
    throw new TypeError('startFlexEmulator: options.log must be a boolean or a function')
  }
  if (tls !== undefined && typeof tls !== 'boolean') {
    throw new TypeError('startFlexEmulator: options.tls must be a boolean')
  }
  const { keyPool } = options
  if (keyPool !== undefined && (typeof keyPool !== 'object' || keyPool === null)) {
    throw new TypeError('startFlexEmulator: options.keyPool must be an object')
  }
  if (keyPool?.reuseKeys !== undefined && typeof keyPool.reuseKeys !== 'boolean') {
    throw new TypeError('startFlexEmulator: options.keyPool.reuseKeys must be a boolean')
  }
}

function matchRoute(method: string, path: string): { route: Route; kid?: string } | Refusal {
  if (path === '/flex/v2/sessions') {
    return method === 'POST' ? { route: 'sessions' } : refuse(405, 'METHOD_NOT_ALLOWED', 'Use POST')
  }
  if (path === '/flex/v2/tokens') {
    return method === 'POST' ? { route: 'tokens' } : refuse(405, 'METHOD_NOT_ALLOWED', 'Use POST')
  }
  const publicKey = /^\/flex\/v2\/public-keys\/([^/]+)$/.exec(path)
  if (publicKey) {
    if (method !== 'GET' && method !== 'HEAD') return refuse(405, 'METHOD_NOT_ALLOWED', 'Use GET')
    let kid: string
    try {
      kid = decodeURIComponent(publicKey[1] ?? '')
    } catch {
      return refuse(404, 'NOT_FOUND', 'no public key has this kid')
    }
    return { route: 'public-keys', kid }
  }
  return refuse(404, 'NOT_FOUND', 'No such resource')
}

const DRAIN_LIMIT = 1_048_576

const ALLOW: Record<Route, string> = {
  sessions: 'POST',
  tokens: 'POST',
  'public-keys': 'GET, HEAD',
}

function readBody(
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

function send(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
  head: boolean,
): void {
  const bytes = Buffer.from(body, 'utf8')
  response.writeHead(status, { ...headers, 'Content-Length': String(bytes.length) })
  response.end(head ? undefined : bytes)
}

function sendRefusal(
  response: ServerResponse,
  refusal: Refusal,
  extra: Record<string, string> = {},
): void {
  send(
    response,
    refusal.status,
    {
      'Content-Type': 'application/json;charset=utf-8',
      'v-c-correlation-id': refusal.body.correlationId,
      ...extra,
    },
    JSON.stringify(refusal.body),
    false,
  )
}

/**
 * Starts a local Flex API v2 server: `POST /flex/v2/sessions` (merchant-authenticated),
 * `GET /flex/v2/public-keys/{kid}` and `POST /flex/v2/tokens`, as protocol.md describes them,
 * with the real service's refusals. Binds to 127.0.0.1 on a free port unless told otherwise.
 *
 * @example
 * ```ts
 * import { startFlexEmulator } from 'flex-emulator'
 *
 * const emulator = await startFlexEmulator()
 * const client = createFlexClient({ origin: emulator.url, credentials: emulator.merchant })
 * // … run the flow against emulator.url …
 * await emulator.close()
 * ```
 */
export async function startFlexEmulator(options: FlexEmulatorOptions = {}): Promise<FlexEmulator> {
  checkOptions(options)
  const host = options.host ?? '127.0.0.1'
  const merchants =
    options.merchants === undefined ? [generateMerchant()] : checkMerchants(options.merchants)
  const bodyLimit = options.bodyLimit ?? 65_536
  const log =
    options.log === true
      ? (line: string) => console.log(line)
      : typeof options.log === 'function'
        ? options.log
        : undefined
  const keyPool = createKeyPool(options.keyPool)
  const [signingKeys, tlsMaterial] = await Promise.all([
    createSigningKeyRing({ reuseKeys: options.keyPool?.reuseKeys === true }),
    options.tls ? createSelfSignedCertificate(host) : Promise.resolve(undefined),
  ])
  const faultDecider = createFaultInjector()
  const faults: FaultInjector = {
    inject: faultDecider.inject,
    rateLimit: faultDecider.rateLimit,
    clear: faultDecider.clear,
  }
  const clock = createEmulatorClock()
  // Injected latency can be long: close() ends what is still waiting at once, so no timer keeps
  // the process alive after it and the waiting handler can finish (the waiting request's
  // connection is dropped by close anyway).
  let closing = false
  const sleeping = new Map<ReturnType<typeof setTimeout>, () => void>()
  const sleep = (milliseconds: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        sleeping.delete(timer)
        resolve()
      }, milliseconds)
      sleeping.set(timer, resolve)
    })
  const state: EmulatorState = {
    origin: '',
    merchantsByKeyId: new Map(merchants.map((merchant) => [merchant.keyId, merchant])),
    usedJwtIds: createJwtIdRegister(),
    clock,
    keyPool,
    signingKeys,
    contextsByJwt: new Map(),
    contextsByKid: new Map(),
    transientTokens: new Map(),
    maxUsesPerCaptureContext: options.maxUsesPerCaptureContext ?? 5,
    sealKey: randomBytes(32),
    issuerNumber: String(Math.floor(Math.random() * 100)).padStart(2, '0'),
    lastPrunedAt: 0,
  }

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<string> => {
    const method = request.method ?? 'GET'
    const target = request.url ?? '/'
    const path = target.split('?')[0] ?? '/'
    const matched = matchRoute(method, path)
    if ('status' in matched) {
      const route = matchRoute('POST', path)
      const allow = 'route' in route ? ALLOW[route.route] : undefined
      sendRefusal(response, matched, allow && matched.status === 405 ? { Allow: allow } : {})
      return `${matched.status} ${matched.body.reason}`
    }
    const decision = faultDecider.decide(matched.route)
    if (decision.latencyMs > 0) await sleep(decision.latencyMs)
    if (closing) return 'aborted: the emulator was closed'
    if (decision.dropConnection) {
      request.socket.destroy()
      return 'dropped (injected)'
    }
    if (decision.status !== undefined) {
      const refusal = refuse(
        decision.status,
        decision.status === 429 ? 'TOO_MANY_REQUESTS' : 'EMULATOR_INJECTED_FAULT',
        decision.status === 429 ? 'Too many requests' : 'An injected fault',
      )
      sendRefusal(
        response,
        refusal,
        decision.retryAfterSeconds === undefined
          ? {}
          : { 'Retry-After': String(decision.retryAfterSeconds) },
      )
      return `${decision.status} ${refusal.body.reason} (injected)`
    }
    const body = await readBody(request, bodyLimit)
    if (body === 'aborted') return 'aborted by the client'
    if (body === 'too-large') {
      sendRefusal(
        response,
        refuse(413, 'REQUEST_TOO_LARGE', `The request body is larger than ${bodyLimit} bytes`),
        { Connection: 'close' },
      )
      return '413 REQUEST_TOO_LARGE'
    }
    if (matched.route === 'public-keys') {
      const result = handlePublicKey(state, matched.kid ?? '')
      if ('jwk' in result) {
        send(
          response,
          200,
          { 'Content-Type': 'application/json;charset=utf-8' },
          JSON.stringify(result.jwk),
          method === 'HEAD',
        )
        return '200'
      }
      sendRefusal(response, result)
      return `${result.status} ${result.body.reason}`
    }
    const result =
      matched.route === 'sessions'
        ? await handleSessions(state, { method, target, headers: request.headers, body })
        : await handleTokens(state, { headers: request.headers, body })
    if ('jwt' in result) {
      send(
        response,
        201,
        {
          'Content-Type': 'application/jwt',
          ...('digest' in result ? { Digest: String(result.digest) } : {}),
        },
        result.jwt,
        false,
      )
      return '201'
    }
    sendRefusal(response, result)
    return `${result.status} ${result.body.reason}`
  }

  // The request line is the caller's text (a card number typed into a URL would land in the
  // log): only the emulator's own route names and known kids are written.
  const logPath = (target: string | undefined): string => {
    const path = (target ?? '/').split('?')[0] ?? '/'
    if (path === '/flex/v2/sessions' || path === '/flex/v2/tokens') return path
    const matched = matchRoute('GET', path)
    if (!('route' in matched)) return '<unknown path>'
    const kid = matched.kid ?? ''
    return `/flex/v2/public-keys/${signingKeys.find(kid) ? kid : '<unknown kid>'}`
  }

  // Requests still being handled (a signature can be on the thread pool when close() is called):
  // close() waits for them, so nothing of a closed emulator runs or logs after it resolved.
  const inFlight = new Set<Promise<void>>()
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    const started = performance.now()
    const path = logPath(request.url)
    const handled = handle(request, response)
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
        log?.(
          `${request.method} ${path} ${delivered ? outcome : `${outcome} (not delivered: the connection was closed)`} ${Math.round(performance.now() - started)}ms`,
        )
      })
      .finally(() => inFlight.delete(handled))
    inFlight.add(handled)
  }

  const server = tlsMaterial
    ? createHttpsServer({ key: tlsMaterial.privateKey, cert: tlsMaterial.certificate }, listener)
    : createHttpServer(listener)
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      keyPool.stop()
      reject(error)
    })
    server.listen(options.port ?? 0, host, resolve)
  })
  const { port } = server.address() as AddressInfo
  const urlHost = host.includes(':') ? `[${host}]` : host
  const url = `${tlsMaterial ? 'https' : 'http'}://${urlHost}:${port}`
  state.origin = url

  return {
    url,
    port,
    merchant: merchants[0] as FlexEmulatorMerchant,
    merchants,
    certificate: tlsMaterial?.certificate,
    clock,
    faults,
    signingKeyIds: () => signingKeys.kids(),
    rotateSigningKey: async () => (await signingKeys.rotate()).kid,
    inspectTransientToken(jtiOrJwt) {
      if (typeof jtiOrJwt !== 'string') {
        throw new TypeError('inspectTransientToken: jtiOrJwt must be a string')
      }
      let jti = jtiOrJwt
      if (jtiOrJwt.includes('.')) {
        const payload = decodeBase64Url(jtiOrJwt.split('.')[1] ?? '')
        try {
          const claims: unknown = payload && JSON.parse(new TextDecoder().decode(payload))
          jti = String((claims as { jti?: unknown } | undefined)?.jti ?? '')
        } catch {
          return undefined
        }
      }
      const record = state.transientTokens.get(jti)
      return record && structuredClone(record)
    },
    waitForKeyPool: () => keyPool.whenFull(),
    close: async () => {
      closing = true
      await new Promise<void>((resolve, reject) => {
        keyPool.stop()
        for (const [timer, wake] of sleeping) {
          clearTimeout(timer)
          wake()
        }
        sleeping.clear()
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
      await Promise.allSettled(inFlight)
    },
  }
}

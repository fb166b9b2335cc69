import { createSelfSignedCertificate } from './create-self-signed-certificate.js'
import { createEmulatorClock, type EmulatorClock } from './emulator-clock.js'
import { emulatorInternals } from './emulator-internals.js'
import { createEmulatorState } from './emulator-state.js'
import { createFaultInjector, type FaultInjector } from './fault-injector.js'
import { handleRequest } from './handle-request.js'
import { inspectPayment } from './inspect-payment.js'
import { inspectTransientToken } from './inspect-transient-token.js'
import type { InspectedPayment } from './inspected-payment.js'
import type { InspectedTransientToken } from './inspected-transient-token.js'
import { createKeyPool, type KeyPoolOptions } from './key-pool.js'
import { createLatencySleeper } from './latency-sleeper.js'
import { listenEmulator } from './listen-emulator.js'
import { redactedPath } from './log-request.js'
import type { FlexEmulatorMerchant } from './merchant-credentials.js'
import { loadMicroformAssets } from './microform-assets.js'
import { readEmulatorOptions } from './read-emulator-options.js'
import { createOriginResolver, resolvePublicUrl } from './resolve-public-url.js'
import { serveRequests } from './serve-request.js'
import { createSigningKeyRing } from './signing-key-ring.js'

/** Options of `startFlexEmulator`; every one is optional. */
export interface FlexEmulatorOptions {
  /** The port; `0` (the default) picks a free one. */
  port?: number
  /** The address to bind. Default `127.0.0.1` (loopback only). */
  host?: string
  /**
   * The origin clients reach the emulator at (`http(s)://host[:port]`, nothing else): returned
   * as `url` and written into every capture context's `flx.origin`. Default: the bound loopback
   * URL, and for a loopback client the origin it used (its Host header, such as
   * `http://localhost:4010`). Set it when clients reach the emulator through another name.
   */
  publicUrl?: string
  /**
   * The token of the HTTP control API under `/__emulator/` (clock, faults, transient tokens,
   * reset; see the README), sent as `Authorization: Bearer <token>`; 16–512 visible ASCII
   * characters. Without it the control API is on, unauthenticated, only when bound to a loopback
   * address, and off otherwise.
   */
  controlToken?: string
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
   * Capture contexts (and transient tokens) kept; past it expired contexts are forgotten first,
   * then the oldest. A forgotten context is answered `CAPTURE_CONTEXT_EXPIRED`. Default 20000.
   */
  maxCaptureContexts?: number
  /**
   * Payments kept in memory; past it finished payments (declined, reversed, voided or settled)
   * are forgotten first, oldest first, then the oldest. Default 10000.
   */
  maxPayments?: number
  /** Open connections at most; further ones are closed at once. Default 256. */
  maxConnections?: number
  /** Time a client has to send the request headers, in ms (then 408). Default 10000. */
  headersTimeout?: number
  /** Time a client has to send the whole request, in ms (then 408). Default 30000. */
  requestTimeout?: number
  /** Time an idle keep-alive connection stays open, in ms. Default 5000. */
  keepAliveTimeout?: number
  /** Requests served on one keep-alive connection before it is closed. Default 1000. */
  maxRequestsPerSocket?: number
  /**
   * Request logging: `true` writes one redacted line per request to the console, a function
   * receives the lines. Lines hold method, path, status, reason and time, never bodies or
   * headers. Default false.
   */
  log?: boolean | ((line: string) => void)
}

/** A running emulator. */
export interface FlexEmulator {
  /**
   * `publicUrl`, or `http://127.0.0.1:<port>` (`https://…` with `tls`): the capture contexts'
   * `flx.origin` unless a loopback client reached the emulator by another loopback name.
   */
  readonly url: string
  readonly port: number
  /** The first merchant's credentials. */
  readonly merchant: FlexEmulatorMerchant
  readonly merchants: readonly FlexEmulatorMerchant[]
  /** The PEM certificate to trust when `tls` is on. */
  readonly certificate: string | undefined
  /**
   * `<url>/__emulator/`, the HTTP control API (README, "Control API"), or `undefined` when it is
   * off (a non-loopback bind without `controlToken`).
   */
  readonly controlUrl: string | undefined
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
  /**
   * What the emulator holds of a payment, by the id of its authorization, capture, refund,
   * reversal or void: amounts, status history and the masked card only.
   *
   * @example
   * ```ts
   * const payment = emulator.inspectPayment(authorization.id)
   * expect(payment?.history.map((event) => event.status)).toEqual(['AUTHORIZED', 'PENDING'])
   * ```
   */
  inspectPayment(id: string): InspectedPayment | undefined
  /** Resolves when the one-time key pool is full (useful before measuring), or once closed. */
  waitForKeyPool(): Promise<void>
  /** Stops listening, drops open connections and stops the key pool. */
  close(): Promise<void>
}

/**
 * Starts a local Flex API v2 server: `POST /flex/v2/sessions` (merchant-authenticated),
 * `GET /flex/v2/public-keys/{kid}` and `POST /flex/v2/tokens`, as docs/protocol.md describes them,
 * with the real service's refusals; the Microform v2 and Unified Checkout capture-context routes
 * and an emulated Microform v2 library (docs/protocol.md section 16); payments. Binds to
 * 127.0.0.1 on a free port unless told otherwise.
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
  const settings = readEmulatorOptions(options)
  const keyPool = createKeyPool(options.keyPool)
  const [signingKeys, tlsMaterial, assets] = await Promise.all([
    createSigningKeyRing({ reuseKeys: options.keyPool?.reuseKeys === true }),
    settings.tls ? createSelfSignedCertificate(settings.host) : Promise.resolve(undefined),
    loadMicroformAssets(),
  ]).catch((error: unknown) => {
    keyPool.stop()
    throw error
  })
  const faultDecider = createFaultInjector()
  const { inject, rateLimit, clear } = faultDecider
  const clock = createEmulatorClock()
  const state = createEmulatorState({ ...settings, clock, keyPool, signingKeys })
  // Injected latency can be long: close() ends what is still waiting at once, so no timer keeps
  // the process alive after it and the waiting handler can finish (the waiting request's
  // connection is dropped by close anyway).
  let closing = false
  const sleeper = createLatencySleeper()
  let originFor: (host: string | undefined) => string = () => state.origin
  const context = {
    state,
    originFor: (host: string | undefined) => originFor(host),
    faults: faultDecider,
    sleeper,
    bodyLimit: settings.bodyLimit,
    control: settings.control,
    isClosing: () => closing,
    assets,
  }
  const serving = serveRequests({
    handle: (request, response) => handleRequest(context, request, response),
    logPath: (target) => redactedPath(target, signingKeys),
    log: settings.log,
    maxRequestsPerSocket: settings.connections.maxRequestsPerSocket,
  })
  const server = await listenEmulator({
    host: settings.host,
    port: settings.port,
    tls: tlsMaterial,
    limits: settings.connections,
    listener: serving.listener,
  }).catch((error: unknown) => {
    keyPool.stop()
    throw error
  })
  const { url, warning } = resolvePublicUrl({ ...settings, port: server.port })
  if (warning !== undefined) (settings.log ?? console.warn)(warning)
  state.origin = url
  originFor = createOriginResolver({ url, tls: settings.tls, publicUrl: settings.publicUrl })

  const emulator: FlexEmulator = {
    url,
    port: server.port,
    merchant: settings.merchants[0] as FlexEmulatorMerchant,
    merchants: settings.merchants,
    certificate: tlsMaterial?.certificate,
    controlUrl: settings.control.enabled ? `${url}/__emulator/` : undefined,
    clock,
    faults: { inject, rateLimit, clear },
    signingKeyIds: () => signingKeys.kids(),
    rotateSigningKey: async () => (await signingKeys.rotate()).kid,
    inspectTransientToken: (jtiOrJwt) => inspectTransientToken(state, jtiOrJwt),
    inspectPayment: (id) => inspectPayment(state, id),
    waitForKeyPool: () => keyPool.whenFull(),
    close: async () => {
      closing = true
      keyPool.stop()
      sleeper.wakeAll()
      await server.close()
      await serving.settled()
    },
  }
  emulatorInternals.set(emulator, {
    sleeper,
    requestsInFlight: () => serving.inFlight(),
    openConnections: () => server.connections(),
  })
  return emulator
}

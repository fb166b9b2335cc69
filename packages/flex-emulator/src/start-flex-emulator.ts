import { createSelfSignedCertificate } from './create-self-signed-certificate.js'
import { createEmulatorClock, type EmulatorClock } from './emulator-clock.js'
import { createEmulatorState } from './emulator-state.js'
import { createFaultInjector, type FaultInjector } from './fault-injector.js'
import { handleRequest } from './handle-request.js'
import { inspectTransientToken } from './inspect-transient-token.js'
import type { InspectedTransientToken } from './inspected-transient-token.js'
import { createKeyPool, type KeyPoolOptions } from './key-pool.js'
import { createLatencySleeper } from './latency-sleeper.js'
import { listenEmulator } from './listen-emulator.js'
import { redactedPath } from './log-request.js'
import type { FlexEmulatorMerchant } from './merchant-credentials.js'
import { readEmulatorOptions } from './read-emulator-options.js'
import { serveRequests } from './serve-request.js'
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
  const settings = readEmulatorOptions(options)
  const keyPool = createKeyPool(options.keyPool)
  const [signingKeys, tlsMaterial] = await Promise.all([
    createSigningKeyRing({ reuseKeys: options.keyPool?.reuseKeys === true }),
    settings.tls ? createSelfSignedCertificate(settings.host) : Promise.resolve(undefined),
  ])
  const faultDecider = createFaultInjector()
  const faults: FaultInjector = {
    inject: faultDecider.inject,
    rateLimit: faultDecider.rateLimit,
    clear: faultDecider.clear,
  }
  const clock = createEmulatorClock()
  const state = createEmulatorState({
    merchants: settings.merchants,
    clock,
    keyPool,
    signingKeys,
    maxUsesPerCaptureContext: settings.maxUsesPerCaptureContext,
  })
  // Injected latency can be long: close() ends what is still waiting at once, so no timer keeps
  // the process alive after it and the waiting handler can finish (the waiting request's
  // connection is dropped by close anyway).
  let closing = false
  const sleeper = createLatencySleeper()
  const context = {
    state,
    faults: faultDecider,
    sleeper,
    bodyLimit: settings.bodyLimit,
    isClosing: () => closing,
  }
  const serving = serveRequests({
    handle: (request, response) => handleRequest(context, request, response),
    logPath: (target) => redactedPath(target, signingKeys),
    log: settings.log,
  })
  const server = await listenEmulator({
    host: settings.host,
    port: settings.port,
    tls: tlsMaterial,
    listener: serving.listener,
  }).catch((error: unknown) => {
    keyPool.stop()
    throw error
  })
  const urlHost = settings.host.includes(':') ? `[${settings.host}]` : settings.host
  const url = `${tlsMaterial ? 'https' : 'http'}://${urlHost}:${server.port}`
  state.origin = url

  return {
    url,
    port: server.port,
    merchant: settings.merchants[0] as FlexEmulatorMerchant,
    merchants: settings.merchants,
    certificate: tlsMaterial?.certificate,
    clock,
    faults,
    signingKeyIds: () => signingKeys.kids(),
    rotateSigningKey: async () => (await signingKeys.rotate()).kid,
    inspectTransientToken: (jtiOrJwt) => inspectTransientToken(state, jtiOrJwt),
    waitForKeyPool: () => keyPool.whenFull(),
    close: async () => {
      closing = true
      keyPool.stop()
      sleeper.wakeAll()
      await server.close()
      await serving.settled()
    },
  }
}

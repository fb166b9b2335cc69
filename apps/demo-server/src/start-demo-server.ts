import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import {
  type FlexEmulator,
  type FlexEmulatorOptions,
  listPaymentTestTriggers,
  startFlexEmulator,
} from 'flex-emulator'
import { createRedisStorage, type RedisStorage } from 'flex-redis'
import { FLEX_ENVIRONMENTS } from 'flex-types'
import { demoHosts } from './allow-hosts.js'
import type { DemoConfig, FlexTarget } from './config.js'
import { createApp } from './create-app.js'
import { createFlexFunctions } from './create-flex-functions.js'
import type { Logger } from './create-json-logger.js'
import type { TargetInfo } from './views/layout.js'

/** A running demo: its URL, where its Flex calls go, and how to stop it. */
export interface DemoServer {
  /** The virtual terminal's URL, e.g. `http://127.0.0.1:3000/`. */
  url: string
  target: TargetInfo
  /** The in-process emulator, in emulator mode (its clock and faults, for tests). */
  emulator: FlexEmulator | undefined
  /** Stops taking connections, lets requests in flight finish, then stops the emulator and
   * closes the Redis connection. */
  close: () => Promise<void>
}

/** Options of `startDemoServer`. */
export interface StartDemoServerOptions {
  log: Logger
  /** The interface to listen on. Default `127.0.0.1`. */
  host?: string
  /** How long `close` waits for requests in flight before cutting connections. Default 5000 ms. */
  closeTimeout?: number
  /** More options of the in-process emulator (tests reuse keys to start faster). */
  emulator?: Omit<FlexEmulatorOptions, 'port' | 'host' | 'log'>
}

type RemoteFlex = Extract<DemoConfig['flex'], { mode: 'remote' }>

function describeTarget(target: FlexTarget, emulator: boolean): TargetInfo {
  if ('environment' in target) {
    return {
      kind: target.environment,
      label: target.environment === 'test' ? 'Cybersource test' : 'Cybersource production',
      origin: FLEX_ENVIRONMENTS[target.environment].apiOrigin,
    }
  }
  return emulator
    ? { kind: 'emulator', label: 'Emulator', origin: target.origin }
    : { kind: 'origin', label: new URL(target.origin).host, origin: target.origin }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

/** Stops taking connections, lets requests in flight finish (at most `timeout` ms), then runs
 * `after`; called again, it returns the same promise. */
function gracefulClose(server: Server, timeout: number, after: () => Promise<unknown>) {
  let closing: Promise<void> | undefined
  // An answer that ends while closing leaves its keep-alive connection idle: close it then,
  // instead of waiting for the client to drop it.
  server.on('request', (_request, response) => {
    response.once('finish', () => {
      if (closing) setImmediate(() => server.closeIdleConnections())
    })
  })
  return () => {
    closing ??= (async () => {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), timeout)
        server.close(() => {
          clearTimeout(timer)
          resolve()
        })
        server.closeIdleConnections()
      })
      await after()
    })()
    return closing
  }
}

/**
 * Starts the demo: with no credentials in `config` the Flex emulator in-process first (on a free
 * loopback port, its test merchant as credentials), then the virtual terminal. With
 * `config.redisUrl` its capture contexts, used tokens and public keys are kept in that Redis
 * (prefix `flex-demo:`), shared by every instance started on it; else in this process.
 *
 * @throws Error when the port is taken or the emulator cannot start.
 * @example
 * ```ts
 * const demo = await startDemoServer(readConfig(process.env), { log })
 * console.log(demo.url)
 * await demo.close()
 * ```
 */
export async function startDemoServer(
  config: DemoConfig,
  options: StartDemoServerOptions,
): Promise<DemoServer> {
  const host = options.host ?? '127.0.0.1'
  const { flex } = config
  const emulator =
    flex.mode === 'emulator'
      ? await startFlexEmulator({
          ...options.emulator,
          port: 0,
          host: '127.0.0.1',
          // The emulator's lines are redacted: method, path, status, reason, never bodies.
          log: (line) => options.log({ level: 'info', msg: 'emulator', line }),
        })
      : undefined
  let redis: RedisStorage | undefined
  try {
    if (config.redisUrl) redis = createRedisStorage({ url: config.redisUrl, prefix: 'flex-demo:' })
    const target: FlexTarget = emulator ? { origin: emulator.url } : (flex as RemoteFlex).target
    const functions = createFlexFunctions({
      target,
      credentials: emulator ? emulator.merchant : (flex as RemoteFlex).credentials,
      authentication: flex.authentication,
      log: options.log,
      ...(emulator
        ? { inspectTransientToken: (jti: string) => emulator.inspectTransientToken(jti) }
        : {}),
      ...(redis ? { storage: redis } : {}),
    })
    const targetInfo = describeTarget(target, emulator !== undefined)
    const server = createServer()
    // The allowed hosts name the port, known only now when PORT is 0.
    const port = await listen(server, config.port, host)
    const allowedHosts = demoHosts(port, config.publicUrl)
    const app = createApp({
      ...functions,
      target: targetInfo,
      allowedHosts,
      ...(emulator ? { testTriggers: listPaymentTestTriggers() } : {}),
      ...(config.publicUrl === undefined ? {} : { publicUrl: config.publicUrl }),
      log: options.log,
    })
    server.on('request', getRequestListener(app.fetch))
    const close = gracefulClose(server, options.closeTimeout ?? 5000, () =>
      Promise.all([emulator?.close(), redis?.close()]),
    )
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
      target: targetInfo,
      emulator,
      close,
    }
  } catch (error) {
    await Promise.all([emulator?.close(), redis?.close()])
    throw error
  }
}

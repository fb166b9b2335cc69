import { type FlexEmulator, startFlexEmulator } from 'flex-emulator'
import { createRedisStorage, type RedisStorage } from 'flex-redis'
import { type RedisServer, startRedisServer } from 'test-utils'
import { afterAll, beforeAll } from 'vitest'
import { createApp, type DemoDeps } from '../create-app.js'
import { createFlexFunctions, type DemoFlexFunctions } from '../create-flex-functions.js'
import type { LogEntry } from '../create-json-logger.js'

const ORIGIN = 'http://demo.test'

/** A Redis server and an emulator shared by a test file, with the emulator's log lines. */
export interface RedisAndEmulator {
  redis: RedisServer
  emulator: FlexEmulator
  emulatorLines: string[]
  /** A Redis storage under the demo's prefix, closed after all tests. */
  openStorage: () => RedisStorage
  /** One demo instance of a fleet: its own Redis connection, SDK calls and app, logging to `logs`,
   * with some of its dependencies replaced (a `publicUrl` for the checkout). */
  startInstance: (logs?: LogEntry[], overrides?: Partial<DemoDeps>) => DemoInstance
  /** How many authorizations reached the emulator since `emulatorLines` was last emptied. */
  authorizations: () => number
}

/** A demo instance of a fleet, its SDK calls, its pages and its form posts. */
interface DemoInstance {
  functions: DemoFlexFunctions
  get: (path: string) => Promise<Response>
  post: (path: string, form: Record<string, string>) => Promise<Response>
}

/**
 * Registers the hooks of a test file on one Redis server and one emulator: both started before
 * all tests, and closed (with every storage opened) after them. Filled in by the time tests run.
 *
 * @example
 * ```ts
 * const fleet = useRedisAndEmulator()
 * it('shares the store', async () => {
 *   const storage = fleet.openStorage()
 *   expect(fleet.emulatorLines).toHaveLength(0)
 * })
 * ```
 */
export function useRedisAndEmulator(): RedisAndEmulator {
  const storages: RedisStorage[] = []
  const shared = {
    emulatorLines: [] as string[],
    openStorage: () => {
      const storage = createRedisStorage({ url: shared.redis.url, prefix: 'flex-demo:' })
      storages.push(storage)
      return storage
    },
    startInstance: (logs = [], overrides = {}) => {
      const log = (entry: LogEntry) => logs.push(entry)
      const { emulator } = shared
      const functions = createFlexFunctions({
        target: { origin: emulator.url },
        credentials: emulator.merchant,
        authentication: 'jwt',
        log,
        storage: shared.openStorage(),
      })
      const app = createApp({
        ...functions,
        target: { kind: 'emulator', label: 'Emulator', origin: emulator.url },
        allowedHosts: ['demo.test'],
        log,
        ...overrides,
      })
      return {
        functions,
        get: async (path) => app.request(`${ORIGIN}${path}`),
        post: async (path, form) =>
          app.request(`${ORIGIN}${path}`, {
            method: 'POST',
            headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(form).toString(),
          }),
      }
    },
    authorizations: () =>
      shared.emulatorLines.filter((line) => /\bPOST \/pts\/v2\/payments\b/.test(line)).length,
  } as RedisAndEmulator
  beforeAll(async () => {
    ;[shared.redis, shared.emulator] = await Promise.all([
      startRedisServer(),
      startFlexEmulator({
        port: 0,
        host: '127.0.0.1',
        keyPool: { reuseKeys: true, size: 1 },
        log: (line) => shared.emulatorLines.push(line),
      }),
    ])
  })
  afterAll(async () => {
    await Promise.all(storages.map((storage) => storage.close()))
    await Promise.all([shared.emulator?.close(), shared.redis?.close()])
  })
  return shared
}

import { createClient } from '@redis/client'
import { type FlexStorage, FlexStorageError } from 'flex-types'
import { readStorageTtl } from 'flex-types/internal'
import { type StorageOperation, timedOut, unavailable } from './errors.js'
import { type RedisStorageOptions, readRedisStorageOptions } from './read-redis-storage-options.js'

function readExpiration(operation: 'set' | 'setIfAbsent', ttl: number) {
  return { type: 'PX', value: readStorageTtl(`RedisStorage.${operation}`, ttl) } as const
}

/** A `FlexStorage` on Redis, with its connection. */
export interface RedisStorage extends FlexStorage {
  /** Closes the connection; later calls fail with `unavailable`. */
  close(): Promise<void>
}

/**
 * Creates the `FlexStorage` of a server fleet on Redis, for flex-jwt's capture-context store and
 * public-key cache: `GET`, `SET … PX`, `SET … NX PX` (one atomic command, so exactly one server
 * wins a set-if-absent) and `DEL`, every key behind `prefix`. It connects at once and reconnects
 * by itself; once a connection was lost a command fails at once (no offline queue), until the first
 * connection it waits for it, and any command fails after `timeout`, as a `FlexStorageError`
 * (`unavailable` or `timeout`): nothing is accepted, and the storage recovers when Redis is back.
 *
 * @throws {TypeError} `ERR_INVALID_ARG_VALUE` for an option it cannot use.
 * @example
 * ```ts
 * import { createCaptureContextStore, createPublicKeyResolver } from 'flex-jwt'
 * import { createRedisStorage } from 'flex-redis'
 *
 * const storage = createRedisStorage({ url: 'redis://127.0.0.1:6379', prefix: 'shop:' })
 * const keys = createPublicKeyResolver({ environment: 'test', cache: storage })
 * const captureContexts = createCaptureContextStore({ keys, storage })
 * ```
 */
export function createRedisStorage(options: RedisStorageOptions): RedisStorage {
  const settings = readRedisStorageOptions(options)
  const { prefix, timeout } = settings
  const client = createClient({
    url: settings.url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: settings.connectTimeout,
      reconnectStrategy: (retries: number) =>
        Math.min(50 * 2 ** Math.min(retries, 10), settings.maxReconnectDelay),
    },
  })
  // Failures reach the caller of each command as a FlexStorageError; the event is not needed.
  client.on('error', () => {})
  let connecting: Promise<unknown> | undefined
  const connect = () => {
    connecting ??= client.connect().catch((error: unknown) => {
      connecting = undefined
      throw error
    })
    return connecting
  }
  connect().catch(() => {})

  async function run<T>(operation: StorageOperation, command: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timedOut(operation, timeout)), timeout)
    })
    try {
      return await Promise.race([connect().then(command), deadline])
    } catch (error) {
      if (FlexStorageError.isInstance(error)) throw error
      throw unavailable(operation, error)
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    get: (key) => run('get', async () => (await client.get(prefix + key)) ?? undefined),
    async set(key, value, ttl) {
      const expiration = readExpiration('set', ttl)
      await run('set', () => client.set(prefix + key, value, { expiration }))
    },
    async setIfAbsent(key, value, ttl) {
      const expiration = readExpiration('setIfAbsent', ttl)
      const reply = await run('setIfAbsent', () =>
        client.set(prefix + key, value, { expiration, condition: 'NX' }),
      )
      return reply === 'OK'
    },
    delete: (key) => run('delete', async () => void (await client.del(prefix + key))),
    async close() {
      connecting = Promise.reject(new Error('the storage was closed'))
      connecting.catch(() => {})
      if (client.isOpen) await client.close()
    },
  }
}

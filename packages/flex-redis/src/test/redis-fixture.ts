import { createClient } from '@redis/client'
import { type RedisServer, startRedisServer } from 'test-utils'
import { afterAll, beforeAll } from 'vitest'
import { createRedisStorage, type RedisStorage } from '../create-redis-storage.js'
import type { RedisStorageOptions } from '../read-redis-storage-options.js'

/** A real redis-server for one test file, a raw client on it, and the storages opened on it. */
export interface RedisFixture {
  readonly server: RedisServer
  readonly raw: ReturnType<typeof createClient>
  /** A storage on the server, closed after the file's tests. */
  open(options?: Omit<RedisStorageOptions, 'url'>): RedisStorage
}

/** Starts the server before the file's tests and closes everything after them. */
export function useRedisServer(): RedisFixture {
  let server: RedisServer | undefined
  let raw: ReturnType<typeof createClient> | undefined
  const opened: RedisStorage[] = []

  beforeAll(async () => {
    server = await startRedisServer()
    raw = createClient({ url: server.url })
    raw.on('error', () => {})
    await raw.connect()
  })

  afterAll(async () => {
    await Promise.all(opened.map((storage) => storage.close()))
    if (raw?.isOpen) await raw.close()
    await server?.close()
  })

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the redis fixture is used before beforeAll')
    return value
  }
  return {
    get server() {
      return started(server)
    },
    get raw() {
      return started(raw)
    },
    open(options = {}) {
      const storage = createRedisStorage({ url: started(server).url, ...options })
      opened.push(storage)
      return storage
    },
  }
}

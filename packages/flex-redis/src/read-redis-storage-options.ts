import { createUsageError, readDurationOption } from 'flex-types/internal'

/** Options of `createRedisStorage`. Durations are in milliseconds. */
export interface RedisStorageOptions {
  /** `redis://[user:password@]host:port[/db]`, or `rediss://` for TLS (use it across a network). */
  url: string
  /** Put before every key, so that one Redis can serve several apps (default `flex:`; up to 64
   * printable ASCII characters, no space). */
  prefix?: string
  /** How long one command may take, connecting included, before it fails with `timeout`
   * (default 2 seconds). */
  timeout?: number
  /** How long one connection attempt may take (default 5 seconds). */
  connectTimeout?: number
  /** The longest pause between two reconnection attempts (default 2 seconds). */
  maxReconnectDelay?: number
}

/** The options once read and checked. */
export interface RedisStorageSettings {
  url: string
  prefix: string
  timeout: number
  connectTimeout: number
  maxReconnectDelay: number
}

const CALLER = 'createRedisStorage'
const DATABASE_PATH = /^(?:\/(?:0|[1-9]\d{0,4})?)?$/

/** Reads and checks every option of `createRedisStorage`, or throws a usage error. */
export function readRedisStorageOptions(options: RedisStorageOptions): RedisStorageSettings {
  if (typeof options !== 'object' || options === null) {
    throw createUsageError(CALLER, 'options', 'must be an object')
  }
  const { url, prefix = 'flex:' } = options
  if (typeof url !== 'string' || !/^rediss?:\/\/[^\s]+$/.test(url) || !URL.canParse(url)) {
    throw createUsageError(CALLER, 'url', 'must be a redis:// or rediss:// URL')
  }
  // node-redis would throw a bare TypeError for /abc, or retry SELECT of /-1 forever.
  if (!DATABASE_PATH.test(new URL(url).pathname)) {
    throw createUsageError(
      CALLER,
      'url',
      'must name a database by its number (/0 to /99999) or none',
    )
  }
  if (typeof prefix !== 'string' || !/^[\x21-\x7e]{0,64}$/.test(prefix)) {
    throw createUsageError(CALLER, 'prefix', 'must be up to 64 printable ASCII characters')
  }
  return {
    url,
    prefix,
    timeout: readDurationOption(CALLER, 'timeout', options.timeout, { fallback: 2_000 }),
    connectTimeout: readDurationOption(CALLER, 'connectTimeout', options.connectTimeout, {
      fallback: 5_000,
    }),
    maxReconnectDelay: readDurationOption(CALLER, 'maxReconnectDelay', options.maxReconnectDelay, {
      fallback: 2_000,
    }),
  }
}

import { FlexStorageError } from 'flex-types'
import { describe, expect, it } from 'vitest'
import { createRedisStorage } from './create-redis-storage.js'
import { errorOf, eventually } from './test/eventually.js'
import { useRedisServer } from './test/redis-fixture.js'

const redis = useRedisServer()
const open = redis.open

describe('createRedisStorage on a real redis-server', () => {
  it('gets, sets with PX, sets if absent with NX PX, and deletes, behind its prefix', async () => {
    const storage = open({ prefix: 'shop:' })
    expect(await storage.get('a')).toBeUndefined()
    await storage.set('a', 'one', 60_000)
    expect(await storage.get('a')).toBe('one')
    expect(await redis.raw.get('shop:a')).toBe('one')
    const ttl = await redis.raw.pTTL('shop:a')
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(60_000)
    expect(await storage.setIfAbsent('b', '1', 30_000.2)).toBe(true)
    expect(await storage.setIfAbsent('b', '2', 30_000)).toBe(false)
    expect(await redis.raw.get('shop:b')).toBe('1')
    expect(await redis.raw.pTTL('shop:b')).toBeLessThanOrEqual(30_001)
    await storage.delete('a')
    await storage.delete('a')
    expect(await storage.get('a')).toBeUndefined()
    expect(await open().get('b')).toBeUndefined() // another prefix: another namespace
  })

  it('lets exactly one of 50 concurrent set-if-absent calls from two connections win', async () => {
    const [one, two] = [open(), open()]
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        (index % 2 ? one : two).setIfAbsent('race', String(index), 60_000),
      ),
    )
    expect(results.filter(Boolean)).toHaveLength(1)
  })

  it('fails closed while redis is away, with a typed error, and recovers when it returns', async () => {
    const storage = open()
    await storage.set('k', 'v', 60_000)
    await redis.server.stop()
    try {
      for (const call of [
        () => storage.get('k'),
        () => storage.set('k', 'v', 1_000),
        () => storage.setIfAbsent('k', 'v', 1_000),
        () => storage.delete('k'),
      ]) {
        const error = await errorOf(call())
        expect(FlexStorageError.isInstance(error)).toBe(true)
        expect(error).toMatchObject({ code: 'ERR_FLEX_STORAGE_FAILED' })
        expect(['unavailable', 'timeout']).toContain((error as FlexStorageError).reason)
        expect(String(error)).not.toContain('k')
      }
    } finally {
      await redis.server.restart()
    }
    await eventually(() => storage.set('k', 'back', 60_000))
    expect(await storage.get('k')).toBe('back')
    await eventually(() => redis.raw.ping())
  }, 60_000)

  it('gives up on a command after its timeout (redis paused)', async () => {
    const storage = open({ timeout: 200 })
    await storage.get('warm')
    // A pause of 15 times the timeout that ends by itself (UNPAUSE would be paused too).
    await redis.raw.sendCommand(['CLIENT', 'PAUSE', '3000', 'ALL'])
    expect(await errorOf(storage.get('slow'))).toMatchObject({
      reason: 'timeout',
      operation: 'get',
    })
    expect(await eventually(() => storage.get('slow'))).toBeUndefined()
  }, 60_000)

  it('refuses a ttl that is not a positive number of ms, sending nothing', async () => {
    const storage = open({ prefix: 'ttl:' })
    for (const ttl of [Number.NaN, 0, -1, Number.POSITIVE_INFINITY, undefined, 2 ** 31]) {
      for (const write of [
        () => storage.setIfAbsent('k', '1', ttl as number),
        () => storage.set('k', '1', ttl as number),
      ]) {
        await expect(write()).rejects.toMatchObject({
          code: 'ERR_INVALID_ARG_VALUE',
          message: expect.stringMatching(/^RedisStorage\.(set|setIfAbsent): ttl must be/),
        })
      }
    }
    expect(await redis.raw.keys('ttl:*')).toEqual([])
  })

  it('refuses every call once closed', async () => {
    const storage = createRedisStorage({ url: redis.server.url })
    await eventually(() => storage.get('x'))
    await storage.close()
    expect(await errorOf(storage.get('x'))).toMatchObject({ reason: 'unavailable' })
  })
})

describe('createRedisStorage options', () => {
  it.each([
    [{}, 'url'],
    [{ url: 'http://127.0.0.1:6379' }, 'url'],
    [{ url: 'redis://127.0.0.1:6379/abc' }, 'url'],
    [{ url: 'redis://127.0.0.1:6379/-1' }, 'url'],
    [{ url: 'redis://127.0.0.1:6379/99999999999999999999' }, 'url'],
    [{ url: 'redis://127.0.0.1:6379', prefix: 'has space' }, 'prefix'],
    [{ url: 'redis://127.0.0.1:6379', prefix: 'x'.repeat(65) }, 'prefix'],
    [{ url: 'redis://127.0.0.1:6379', timeout: -1 }, 'timeout'],
    [{ url: 'redis://127.0.0.1:6379', connectTimeout: 2 ** 31 }, 'connectTimeout'],
  ])('refuses %o naming %s', (options, name) => {
    expect(() => createRedisStorage(options as never)).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_ARG_VALUE',
        message: expect.stringContaining(`createRedisStorage: ${name}`),
      }),
    )
  })
})

import { type FlexEmulator, startFlexEmulator } from 'flex-emulator'
import { createRedisStorage, type RedisStorage } from 'flex-redis'
import { type RedisServer, startRedisServer } from 'test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from './create-app.js'
import { createFlexFunctions } from './create-flex-functions.js'
import { expectNothingSensitive, paymentForm } from './test/demo-harness.js'
import { newFormReference } from './verify-and-consume.js'

const ORIGIN = 'http://demo.test'

let redis: RedisServer
let emulator: FlexEmulator
const emulatorLines: string[] = []
const storages: RedisStorage[] = []

beforeAll(async () => {
  ;[redis, emulator] = await Promise.all([
    startRedisServer(),
    startFlexEmulator({
      port: 0,
      host: '127.0.0.1',
      keyPool: { reuseKeys: true, size: 1 },
      log: (line) => emulatorLines.push(line),
    }),
  ])
})

afterAll(async () => {
  await Promise.all(storages.map((storage) => storage.close()))
  await Promise.all([emulator?.close(), redis?.close()])
})

/** One demo instance of the fleet: its own Redis connection and app; posts the terminal form. */
function startInstance(): (form: Record<string, string>) => Promise<Response> {
  const storage = createRedisStorage({ url: redis.url, prefix: 'flex-demo:' })
  storages.push(storage)
  const app = createApp({
    ...createFlexFunctions({
      target: { origin: emulator.url },
      credentials: emulator.merchant,
      authentication: 'jwt',
      log: () => {},
      storage,
    }),
    target: { kind: 'emulator', label: 'Emulator', origin: emulator.url },
    allowedHosts: ['demo.test'],
    log: () => {},
  })
  return async (form) =>
    app.request(`${ORIGIN}/payments`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    })
}

const authorizations = () =>
  emulatorLines.filter((line) => /\bPOST \/pts\/v2\/payments\b/.test(line)).length

describe('one terminal form posted to two demo instances behind one real Redis', () => {
  it('concurrent posts of the form to both: one authorization, the others refused or sent to its receipt', async () => {
    const one = startInstance()
    const two = startInstance()
    const form = { ...paymentForm('15.00'), reference: newFormReference() }
    emulatorLines.length = 0
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, index) => (index % 2 ? one : two)(form)),
    )
    expect(authorizations()).toBe(1)
    const statuses = responses.map((response) => response.status)
    expect(statuses.filter((status) => status === 303).length).toBeGreaterThanOrEqual(1)
    expect(statuses.every((status) => status === 303 || status === 409)).toBe(true)
    const locations = new Set(
      responses.filter((response) => response.status === 303).map((r) => r.headers.get('location')),
    )
    expect(locations.size).toBe(1)
    const refused = responses.find((response) => response.status === 409)
    if (refused) expectNothingSensitive(await refused.text())
  })
})

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type FlexEmulator, startFlexEmulator } from './start-flex-emulator.js'
import { createSession } from './testing/flow.js'

let emulator: FlexEmulator
let kid: string

beforeAll(async () => {
  emulator = await startFlexEmulator({ keyPool: { reuseKeys: true, size: 1 } })
  kid = emulator.signingKeyIds()[0] as string
})
afterEach(() => emulator.faults.clear())
afterAll(() => emulator.close())

const getKey = () => fetch(`${emulator.url}/flex/v2/public-keys/${kid}`)

describe('fault injection', () => {
  it('answers a given status for the next N calls, then normally', async () => {
    emulator.faults.inject('public-keys', { status: 503, times: 2, retryAfterSeconds: 3 })
    const first = await getKey()
    expect(first.status).toBe(503)
    expect(first.headers.get('retry-after')).toBe('3')
    expect((await first.json()).reason).toBe('EMULATOR_INJECTED_FAULT')
    expect((await getKey()).status).toBe(503)
    expect((await getKey()).status).toBe(200)
  })

  it('applies to one route only, or to all with *', async () => {
    emulator.faults.inject('tokens', { status: 500 })
    expect((await getKey()).status).toBe(200)
    const remove = emulator.faults.inject('*', { status: 502 })
    expect((await getKey()).status).toBe(502)
    expect((await createSession(emulator)).status).toBe(502)
    remove()
    expect((await getKey()).status).toBe(200)
  })

  it('adds latency', async () => {
    emulator.faults.inject('public-keys', { latencyMs: 300, times: 1 })
    const started = performance.now()
    expect((await getKey()).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(290)
  })

  it('drops the connection', async () => {
    emulator.faults.inject('sessions', { dropConnection: true, times: 1 })
    await expect(createSession(emulator)).rejects.toThrow()
    expect((await createSession(emulator)).status).toBe(201)
  })

  it('rate-limits with 429 and Retry-After', async () => {
    emulator.faults.rateLimit('public-keys', { limit: 2, windowMs: 60_000 })
    expect((await getKey()).status).toBe(200)
    expect((await getKey()).status).toBe(200)
    const limited = await getKey()
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect((await limited.json()).reason).toBe('TOO_MANY_REQUESTS')
  })

  it('refuses bad fault options with a TypeError naming the option', () => {
    expect(() => emulator.faults.inject('nope' as 'tokens', { status: 500 })).toThrow(TypeError)
    expect(() => emulator.faults.inject('tokens', { status: 42 })).toThrow(/status/)
    expect(() => emulator.faults.inject('tokens', { times: 0 })).toThrow(/times/)
    expect(() => emulator.faults.rateLimit('tokens', { limit: 1, windowMs: 0 })).toThrow(/windowMs/)
  })

  it('close() waits for requests still being handled, and logs answers that were not delivered', async () => {
    const lines: string[] = []
    const local = await startFlexEmulator({
      keyPool: { reuseKeys: true, size: 1 },
      log: (line) => lines.push(line),
    })
    // Twenty sessions at once: some are still signing (on the thread pool) when close() runs.
    const pending = Array.from({ length: 20 }, () =>
      createSession(local).then(
        (response) => response.status,
        () => 'dropped',
      ),
    )
    await new Promise((resolve) => setTimeout(resolve, 20))
    await local.close()
    const loggedAtClose = lines.length
    const outcomes = await Promise.all(pending)
    await new Promise((resolve) => setTimeout(resolve, 200))
    // Nothing of the closed emulator ran or logged after close() resolved.
    expect(lines.length).toBe(loggedAtClose)
    const answered = outcomes.filter((outcome) => outcome === 201).length
    const delivered = lines.filter((line) => / 201 \d+ms$/.test(line)).length
    // Every 201 the client got is logged as one; a 201 written to a connection already closed is
    // logged as not delivered (one flushed just before the reset may still be lost in transit).
    expect(delivered).toBeGreaterThanOrEqual(answered)
    for (const line of lines) {
      expect(line).toMatch(
        /^POST \/flex\/v2\/sessions (201|201 \(not delivered: the connection was closed\)|aborted.*) \d+ms$/,
      )
    }
  })

  it('close() cancels injected latency, so no timer outlives the emulator', async () => {
    const local = await startFlexEmulator({ keyPool: { reuseKeys: true, size: 1 } })
    local.faults.inject('public-keys', { latencyMs: 600_000 })
    const timers = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout')
    const before = timers().length
    const pending = Array.from({ length: 5 }, () =>
      fetch(`${local.url}/flex/v2/public-keys/${kid}`).catch(() => 'dropped'),
    )
    const deadline = performance.now() + 5_000
    while (timers().length < before + 5 && performance.now() < deadline) {
      await new Promise((resolve) => setImmediate(resolve))
    }
    const waiting = timers().length
    expect(waiting).toBeGreaterThanOrEqual(before + 5)
    await local.close()
    expect(timers().length).toBeLessThanOrEqual(waiting - 5)
    expect(await Promise.all(pending)).toEqual(Array(5).fill('dropped'))
  })
})

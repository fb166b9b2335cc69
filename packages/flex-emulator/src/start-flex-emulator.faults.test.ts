import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { emulatorInternals } from './emulator-internals.js'
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

  it('close() waits for requests still being handled, and logs answers that were not delivered', async () => {
    const lines: string[] = []
    const local = await startFlexEmulator({
      keyPool: { reuseKeys: true, size: 1 },
      log: (line) => lines.push(line),
    })
    const internals = emulatorInternals.get(local)
    // Twenty sessions at once, ten of them held by injected latency: those are certainly being
    // handled when close() runs, and others may be signing on the thread pool.
    local.faults.inject('sessions', { latencyMs: 600_000, times: 10 })
    const pending = Array.from({ length: 20 }, () =>
      createSession(local).then(
        (response) => response.status,
        () => 'dropped',
      ),
    )
    await vi.waitFor(() => expect(internals?.sleeper.pending).toBe(10), { timeout: 30_000 })
    expect(internals?.requestsInFlight()).toBeGreaterThanOrEqual(10)
    await local.close()
    // Nothing of the closed emulator runs or logs after close() resolved.
    expect(internals?.requestsInFlight()).toBe(0)
    const loggedAtClose = lines.length
    const outcomes = await Promise.all(pending)
    expect(lines.length).toBe(loggedAtClose)
    const answered = outcomes.filter((outcome) => outcome === 201).length
    const delivered = lines.filter((line) => / 201 \d+ms$/.test(line)).length
    // Every 201 the client got is logged as one; a 201 written to a connection already closed is
    // logged as not delivered (one flushed just before the reset may still be lost in transit).
    expect(delivered).toBeGreaterThanOrEqual(answered)
    expect(
      lines.filter((line) => line.includes(' aborted: the emulator was closed ')),
    ).toHaveLength(10)
    for (const line of lines) {
      expect(line).toMatch(
        /^POST \/flex\/v2\/sessions (201|201 \(not delivered: the connection was closed\)|aborted.*) \d+ms$/,
      )
    }
  })

  it('close() cancels injected latency, so no timer outlives the emulator', async () => {
    const local = await startFlexEmulator({ keyPool: { reuseKeys: true, size: 1 } })
    const sleeper = emulatorInternals.get(local)?.sleeper
    local.faults.inject('public-keys', { latencyMs: 600_000 })
    const pending = Array.from({ length: 5 }, () =>
      fetch(`${local.url}/flex/v2/public-keys/${kid}`).catch(() => 'dropped'),
    )
    await vi.waitFor(() => expect(sleeper?.pending).toBe(5), { timeout: 30_000 })
    // close() waits for the handlers: it could not resolve while they still slept 10 minutes.
    await local.close()
    expect(sleeper?.pending).toBe(0)
    expect(await Promise.all(pending)).toEqual(Array(5).fill('dropped'))
  })
})

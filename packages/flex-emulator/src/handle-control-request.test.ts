import { createServer, type Server } from 'node:http'
import { decodeJwt } from 'jose'
import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS } from 'test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulatorClock } from './emulator-clock.js'
import { createFaultInjector } from './fault-injector.js'
import { handleControlRequest } from './handle-control-request.js'
import { readEmulatorOptions } from './read-emulator-options.js'
import {
  cardData,
  createCaptureContext,
  createSession,
  encryptFor,
  tokenize,
} from './testing/flow.js'
import { authorize, reversalBody, send } from './testing/payment-flow.js'
import { useEmulator } from './testing/use-emulator.js'

const running = useEmulator()
const { lines } = running
const pan = SENTINEL_CARD_NUMBERS[0] as string
const TOKEN = 'control-token-for-tests-0123456789'
const guarded = useEmulator({ controlToken: TOKEN })

function control(
  path: string,
  init: { method?: string; body?: unknown; token?: string; raw?: string; type?: string } = {},
  emulator = running.emulator,
): Promise<Response> {
  const headers: Record<string, string> = {}
  if (init.body !== undefined || init.raw !== undefined) {
    headers['content-type'] = init.type ?? 'application/json'
  }
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`
  return fetch(`${emulator.url}/__emulator/${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.raw !== undefined
      ? { body: init.raw }
      : init.body !== undefined
        ? { body: JSON.stringify(init.body) }
        : {}),
  })
}

async function issueToken(): Promise<{ context: string; jti: string }> {
  const context = await createCaptureContext(running.emulator)
  const jwe = await encryptFor(context, { data: cardData(pan), context, index: 0 })
  const response = await tokenize(running.emulator, jwe)
  expect(response.status).toBe(201)
  return { context, jti: decodeJwt(await response.text()).jti as string }
}

describe('control API on a loopback emulator (no token needed)', () => {
  it('is announced as controlUrl', () => {
    expect(running.emulator.controlUrl).toBe(`${running.emulator.url}/__emulator/`)
  })

  it('moves the clock (advanceMs, set) so that a capture context expires, and resets it', async () => {
    const { context } = await issueToken()
    const before = Date.parse((await (await control('clock')).json()).now)
    const moved = await control('clock', { method: 'POST', body: { advanceMs: 16 * 60_000 } })
    expect(moved.status).toBe(200)
    const now = Date.parse((await moved.json()).now)
    expect(now - before).toBeGreaterThanOrEqual(16 * 60_000)
    expect(now - before).toBeLessThan(16 * 60_000 + 60_000)
    const late = await tokenize(
      running.emulator,
      await encryptFor(context, { data: cardData(pan), context, index: 0 }),
    )
    expect((await late.json()).reason).toBe('CAPTURE_CONTEXT_EXPIRED')

    const set = await control('clock', { method: 'POST', body: { set: '2030-01-01T00:00:00Z' } })
    expect((await set.json()).now).toMatch(/^2030-01-01T00:0/)
    const reset = await control('clock', { method: 'DELETE' })
    expect(Math.abs(Date.parse((await reset.json()).now) - Date.now())).toBeLessThan(60_000)
  })

  it.each([
    [{ advanceMs: '60000' }, 'advanceMs'],
    [{ advanceMs: 1.5 }, 'advanceMs'],
    [{ advanceMs: 1e15 }, 'advanceMs'],
    [{ set: 'tomorrow' }, 'set'],
    [{ set: '2030-01-01' }, 'set'],
    [{ advanceMs: 1, set: 0 }, 'body'],
    [{}, 'body'],
    [{ advanceMs: 1, [pan]: 1 }, 'body'],
  ])('refuses clock body #%# (400, names the field, never the value)', async (body, location) => {
    const response = await control('clock', { method: 'POST', body })
    expect(response.status).toBe(400)
    const error = await response.json()
    expect(error.reason).toBe('EMULATOR_CONTROL_INVALID')
    expect(error.details[0].location).toBe(location)
    expectNoSensitiveData(error)
  })

  it('refuses a body that is not JSON, or not sent as application/json', async () => {
    const notJson = await control('clock', { method: 'POST', raw: '{"advanceMs":' })
    expect((await notJson.json()).details).toEqual([
      { location: 'body', message: 'must be a JSON object' },
    ])
    const text = await control('clock', { method: 'POST', raw: '{}', type: 'text/plain' })
    expect(text.status).toBe(400)
    expect((await text.json()).details[0].location).toBe('Content-Type')
  })

  it('injects a fault and a rate limit like faults.inject/rateLimit, and clears them', async () => {
    const added = await control('faults', {
      method: 'POST',
      body: { route: 'sessions', fault: { status: 503, retryAfterSeconds: 2, times: 1 } },
    })
    expect(added.status).toBe(201)
    const faulted = await createSession(running.emulator)
    expect(faulted.status).toBe(503)
    expect(faulted.headers.get('retry-after')).toBe('2')
    expect((await createSession(running.emulator)).status).toBe(201)

    const limited = await control('faults', {
      method: 'POST',
      body: { route: 'public-keys', rateLimit: { limit: 0, windowMs: 60_000 } },
    })
    expect(limited.status).toBe(201)
    const kid = running.emulator.signingKeyIds()[0]
    expect((await fetch(`${running.emulator.url}/flex/v2/public-keys/${kid}`)).status).toBe(429)
    expect((await control('faults', { method: 'DELETE' })).status).toBe(200)
    expect((await fetch(`${running.emulator.url}/flex/v2/public-keys/${kid}`)).status).toBe(200)
  })

  it('takes the dropAnswer fault of the payment routes', async () => {
    const added = await control('faults', {
      method: 'POST',
      body: { route: 'payments', fault: { dropAnswer: true, times: 1 } },
    })
    expect(added.status).toBe(201)
    expect((await control('faults', { method: 'DELETE' })).status).toBe(200)
  })

  it.each([
    [{ route: 'refunds', fault: { status: 503 } }, 'route'],
    [{ route: 'sessions', fault: { status: 42 } }, 'fault.status'],
    [{ route: 'sessions', fault: { latencyMs: -1 } }, 'fault.latencyMs'],
    [{ route: 'sessions', fault: { times: 0 } }, 'fault.times'],
    [{ route: 'sessions', fault: { dropConnection: 'yes' } }, 'fault.dropConnection'],
    [{ route: 'payments', fault: { dropAnswer: 'yes' } }, 'fault.dropAnswer'],
    [{ route: 'sessions', fault: { status: 503, [pan]: true } }, 'fault'],
    [{ route: 'sessions', fault: 503 }, 'fault'],
    [{ route: 'tokens', rateLimit: { limit: 1 } }, 'rateLimit.windowMs'],
    [{ route: 'tokens', fault: {}, rateLimit: { limit: 1, windowMs: 1 } }, 'body'],
    [{ route: 'tokens' }, 'body'],
  ])('refuses fault body #%# (400, names the field) and adds nothing', async (body, location) => {
    const response = await control('faults', { method: 'POST', body })
    expect(response.status).toBe(400)
    const error = await response.json()
    expect(error.reason).toBe('EMULATOR_CONTROL_INVALID')
    expect(error.details[0].location).toBe(location)
    expectNoSensitiveData(error)
    expect((await createSession(running.emulator)).status).toBe(201)
  })

  it('shows what a transient token was made from, masked, by jti; 404 for an unknown one', async () => {
    const { jti } = await issueToken()
    const response = await control(`transient-tokens/${jti}`)
    expect(response.status).toBe(200)
    const inspected = await response.json()
    expect(inspected).toMatchObject({
      jti,
      maskedCard: { bin: pan.slice(0, 6), lastFour: pan.slice(-4), brand: 'visa' },
    })
    expectNoSensitiveData(inspected)
    expect((await control('transient-tokens/NOPE')).status).toBe(404)
    expect((await control('transient-tokens/a.b.c')).status).toBe(404)
    expect(lines.join('\n')).not.toContain(jti)
    expect(lines.join('\n')).toContain('GET /__emulator/transient-tokens/<jti> 200')
  })

  it('resets the state: contexts, tokens, faults and the clock', async () => {
    const { context, jti } = await issueToken()
    await control('faults', { method: 'POST', body: { route: 'tokens', fault: { latencyMs: 1 } } })
    await control('clock', { method: 'POST', body: { advanceMs: 60_000 } })
    const reset = await control('reset', { method: 'POST' })
    expect(reset.status).toBe(200)
    expect(Math.abs(Date.parse((await reset.json()).now) - Date.now())).toBeLessThan(30_000)
    expect((await control(`transient-tokens/${jti}`)).status).toBe(404)
    const late = await tokenize(
      running.emulator,
      await encryptFor(context, { data: cardData(pan), context, index: 0 }),
    )
    expect((await late.json()).reason).toBe('CREATE_TOKEN_DECRYPTION')
  })

  it('resets the payments too', async () => {
    const payment = await authorize(running.emulator)
    const id = (payment.body as { id: string }).id
    const reversal = await send(
      running.emulator,
      `/pts/v2/payments/${id}/reversals`,
      reversalBody('1.00'),
    )
    const reversalId = (reversal.body as { id: string }).id
    expect(running.emulator.inspectPayment(reversalId)).toBeDefined()
    expect((await control('reset', { method: 'POST' })).status).toBe(200)
    expect(running.emulator.inspectPayment(id)).toBeUndefined()
    expect(running.emulator.inspectPayment(reversalId)).toBeUndefined()
  })

  it('answers 405 with Allow for a wrong method and 404 for an unknown route', async () => {
    const wrong = await control('reset')
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('POST')
    expect((await control('faults')).headers.get('allow')).toBe('POST, DELETE')
    expect((await control('nothing-here')).status).toBe(404)
  })
})

describe('control API with a control token', () => {
  it('refuses a missing or wrong Bearer token with 401 and accepts the right one', async () => {
    const missing = await control('clock', {}, guarded.emulator)
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toBe('Bearer')
    expect((await missing.json()).reason).toBe('EMULATOR_CONTROL_UNAUTHORIZED')
    for (const token of [`${TOKEN}x`, TOKEN.slice(0, -1), 'short']) {
      expect((await control('clock', { token }, guarded.emulator)).status).toBe(401)
    }
    const moved = await control(
      'clock',
      { method: 'POST', body: { advanceMs: 1000 }, token: TOKEN },
      guarded.emulator,
    )
    expect(moved.status).toBe(200)
  })

  it('checks the token before the body', async () => {
    const response = await control('faults', { method: 'POST', raw: 'not json' }, guarded.emulator)
    expect(response.status).toBe(401)
  })
})

describe('control API switch', () => {
  it('is off on a non-loopback bind without a token, on with one, and checks the token', () => {
    expect(readEmulatorOptions({ host: '0.0.0.0' }).control).toEqual({
      enabled: false,
      token: undefined,
    })
    expect(readEmulatorOptions({ host: '192.0.2.1', controlToken: TOKEN }).control).toEqual({
      enabled: true,
      token: TOKEN,
    })
    expect(readEmulatorOptions({ host: '::1' }).control.enabled).toBe(true)
    expect(readEmulatorOptions({ host: 'localhost' }).control.enabled).toBe(true)
    for (const controlToken of ['short', `${'x'.repeat(20)} y`, 42]) {
      expect(() => readEmulatorOptions({ controlToken: controlToken as string })).toThrow(
        expect.objectContaining({
          code: 'ERR_INVALID_ARG_VALUE',
          message: expect.stringMatching(/^startFlexEmulator: controlToken must be/),
        }),
      )
    }
  })

  describe('when off', () => {
    let server: Server
    let url: string
    beforeAll(async () => {
      const clock = createEmulatorClock()
      const faults = createFaultInjector()
      server = createServer((request, response) => {
        handleControlRequest(
          { state: { clock } as never, faults, control: { enabled: false, token: undefined } },
          {
            method: request.method ?? 'GET',
            path: '/__emulator/clock',
            request,
            body: new Uint8Array(),
          },
          response,
        )
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    })
    afterAll(() => new Promise((resolve) => server.close(resolve)))

    it('answers 403 and says why', async () => {
      const response = await fetch(`${url}/__emulator/clock`)
      expect(response.status).toBe(403)
      const error = await response.json()
      expect(error.reason).toBe('EMULATOR_CONTROL_DISABLED')
      expect(error.message).toContain('control token')
    })
  })
})

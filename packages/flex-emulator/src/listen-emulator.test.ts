import { once } from 'node:events'
import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { emulatorInternals } from './emulator-internals.js'
import {
  type FlexEmulator,
  type FlexEmulatorOptions,
  startFlexEmulator,
} from './start-flex-emulator.js'

let emulator: FlexEmulator | undefined
afterEach(() => emulator?.close())

async function start(options: FlexEmulatorOptions): Promise<FlexEmulator> {
  emulator = await startFlexEmulator({ keyPool: { reuseKeys: true, size: 1 }, ...options })
  return emulator
}

/** A raw loopback connection that records what the server sends until it closes. */
async function openSocket(
  port: number,
): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  const socket = connect(port, '127.0.0.1')
  let text = ''
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1')
  })
  socket.on('error', () => {})
  const closed = once(socket, 'close').then(() => undefined)
  await once(socket, 'connect')
  return { socket, received: () => text, closed }
}

const request = (kid: string) =>
  `GET /flex/v2/public-keys/${kid} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`

describe('connection limits', () => {
  it('closes a connection that trickles its headers once headersTimeout has passed (408)', async () => {
    const local = await start({ headersTimeout: 200, requestTimeout: 400 })
    const { socket, received, closed } = await openSocket(local.port)
    socket.write(`GET /flex/v2/public-keys/x HTTP/1.1\r\nHost: 127.0.0.1\r\n`)
    const trickle = setInterval(() => {
      if (socket.writable) socket.write('X-Slow: 1\r\n')
    }, 50)
    try {
      // Node's default would keep it for 60 s; the test's own timeout (10 s) is the bound.
      await closed
    } finally {
      clearInterval(trickle)
    }
    expect(received()).toMatch(/^HTTP\/1\.1 408 /)
  }, 10_000)

  it('refuses connections over maxConnections, and serves again once they are gone', async () => {
    const local = await start({ maxConnections: 3, keepAliveTimeout: 60_000 })
    const internals = emulatorInternals.get(local)
    const [kid] = local.signingKeyIds()
    const held = await Promise.all([1, 2, 3].map(() => openSocket(local.port)))
    for (const { socket, received } of held) {
      socket.write(request(kid as string))
      await vi.waitFor(() => expect(received()).toMatch(/^HTTP\/1\.1 200 [\s\S]*\r\n\r\n\{/), {
        timeout: 30_000,
      })
    }
    expect(await internals?.openConnections()).toBe(3)

    const extra = await openSocket(local.port)
    extra.socket.write(request(kid as string))
    await extra.closed
    expect(extra.received()).toBe('')

    for (const { socket } of held) socket.destroy()
    await vi.waitFor(async () => expect(await internals?.openConnections()).toBe(0), {
      timeout: 30_000,
    })
    const after = await openSocket(local.port)
    after.socket.write(request(kid as string))
    await vi.waitFor(() => expect(after.received()).toMatch(/^HTTP\/1\.1 200 /), {
      timeout: 30_000,
    })
    after.socket.destroy()
  }, 10_000)

  it('closes a keep-alive connection after maxRequestsPerSocket requests', async () => {
    const local = await start({ maxRequestsPerSocket: 2, keepAliveTimeout: 60_000 })
    const [kid] = local.signingKeyIds()
    const { socket, received, closed } = await openSocket(local.port)
    socket.write(request(kid as string))
    await vi.waitFor(() => expect(received()).toMatch(/^HTTP\/1\.1 200 /), {
      timeout: 30_000,
    })
    socket.write(request(kid as string))
    await closed
    const answers = received().split(/(?=HTTP\/1\.1 )/)
    expect(answers).toHaveLength(2)
    expect(answers[1]).toMatch(/^HTTP\/1\.1 200 [\s\S]*\r\nConnection: close\r\n/i)
  }, 10_000)

  it('closes an idle keep-alive connection after keepAliveTimeout', async () => {
    const local = await start({ keepAliveTimeout: 100 })
    const [kid] = local.signingKeyIds()
    const { socket, received, closed } = await openSocket(local.port)
    socket.write(request(kid as string))
    await closed
    expect(received()).toMatch(/^HTTP\/1\.1 200 [\s\S]*Connection: keep-alive/)
  }, 10_000)
})

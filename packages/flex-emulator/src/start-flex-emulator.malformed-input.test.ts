import { once } from 'node:events'
import { connect } from 'node:net'
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { emulatorInternals } from './emulator-internals.js'
import { generateMerchant } from './merchant-credentials.js'
import { cardData, createCaptureContext, encryptFor, tokenize } from './testing/flow.js'
import { jwtHeaders } from './testing/merchant-request.js'
import { useEmulator } from './testing/use-emulator.js'
import { verifyMerchantAuthentication } from './verify-merchant-authentication.js'

const running = useEmulator({ maxUsesPerCaptureContext: 1_000 })
const { lines } = running

const merchant = generateMerchant()
const merchants = new Map([[merchant.keyId, merchant]])

describe('malformed input', () => {
  it('never authenticates random authorization and signature headers, and never throws', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.constantFrom('Bearer ', 'bearer ', ''),
        (authorization, signature, prefix) => {
          const result = verifyMerchantAuthentication(
            {
              method: 'POST',
              target: '/flex/v2/sessions',
              headers: {
                host: '127.0.0.1:4010',
                authorization: `${prefix}${authorization}`,
                signature: signature.replace('KEYID', merchant.keyId),
              },
              body: new Uint8Array([1, 2, 3]),
            },
            merchants,
          )
          expect(result.ok).toBe(false)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('answers random bodies on both POST routes with a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.uint8Array({ maxLength: 512 }), fc.json()),
        fc.constantFrom('application/jwt', 'application/json', 'text/plain', 'x/y;;;'),
        fc.constantFrom('sessions', 'tokens'),
        async (body, contentType, route) => {
          const response = await fetch(`${running.emulator.url}/flex/v2/${route}`, {
            method: 'POST',
            headers: { 'content-type': contentType },
            body,
          })
          await response.arrayBuffer()
          expect(response.status).toBeGreaterThanOrEqual(400)
          expect(response.status).toBeLessThan(500)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('answers authenticated random session bodies and encrypted random payloads below 500', async () => {
    // The fuzz above is refused at authentication; this one reaches the fields and data checks.
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.jsonValue().map((fields) => JSON.stringify({ fields })),
        ),
        async (body) => {
          const response = await fetch(`${running.emulator.url}/flex/v2/sessions`, {
            method: 'POST',
            headers: jwtHeaders(running.emulator.url, running.emulator.merchant, body),
            body,
          })
          await response.arrayBuffer()
          expect(response.status).toBeLessThan(500)
        },
      ),
      { numRuns: 60 },
    )
    const context = await createCaptureContext(running.emulator)
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.jsonValue().map((data) => ({ data, context })),
          fc.jsonValue().map((index) => ({ data: cardData(), context, index })),
          fc
            .dictionary(fc.string(), fc.jsonValue())
            .map((card) => ({ data: { paymentInformation: { card } }, context })),
        ),
        async (payload) => {
          const response = await tokenize(running.emulator, await encryptFor(context, payload))
          await response.arrayBuffer()
          expect(response.status).toBeLessThan(500)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('answers 413 to an oversized chunked body without Content-Length, and HEAD on a key', async () => {
    const chunk = new Uint8Array(16_384).fill(97)
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 8) controller.close()
        else {
          sent += 1
          controller.enqueue(chunk)
        }
      },
    })
    const response = await fetch(`${running.emulator.url}/flex/v2/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/jwt' },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(413)
    expect((await response.json()).reason).toBe('REQUEST_TOO_LARGE')
    const kid = running.emulator.signingKeyIds()[0] as string
    const head = await fetch(`${running.emulator.url}/flex/v2/public-keys/${kid}`, {
      method: 'HEAD',
    })
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('answers a broken HTTP request with 400 and keeps serving', async () => {
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(running.emulator.port, '127.0.0.1', () =>
        socket.write('GARBAGE\r\n\r\n'),
      )
      let text = ''
      socket.on('data', (chunk) => {
        text += chunk.toString()
      })
      socket.on('close', () => resolve(text))
    })
    expect(reply).toMatch(/^HTTP\/1\.1 400/)
    const kid = running.emulator.signingKeyIds()[0] as string
    expect((await fetch(`${running.emulator.url}/flex/v2/public-keys/${kid}`)).status).toBe(200)
  })

  it('treats a client that goes away mid-body as aborted, not as a server error', async () => {
    const start = lines.length
    const internals = emulatorInternals.get(running.emulator)
    for (const route of ['sessions', 'tokens']) {
      const socket = connect(running.emulator.port, '127.0.0.1')
      const closed = once(socket, 'close')
      socket.write(
        `POST /flex/v2/${route} HTTP/1.1\r\nHost: x\r\nContent-Type: application/jwt\r\nContent-Length: 100\r\n\r\nabc`,
      )
      // Gone once the running.emulator is reading the body, whatever the machine's speed.
      await vi.waitFor(() => expect(internals?.requestsInFlight()).toBe(1), { timeout: 30_000 })
      socket.destroy()
      await closed
      await vi.waitFor(() => expect(internals?.requestsInFlight()).toBe(0), { timeout: 30_000 })
    }
    await vi.waitFor(() => expect(lines.length - start).toBe(2), { timeout: 30_000 })
    expect(lines.slice(start).map((line) => line.replace(/ \d+ms$/, ''))).toEqual([
      'POST /flex/v2/sessions aborted by the client',
      'POST /flex/v2/tokens aborted by the client',
    ])
  })
})

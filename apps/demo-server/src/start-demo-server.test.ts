import { request } from 'node:http'
import { type AddressInfo, connect, createServer } from 'node:net'
import { type FlexEmulator, startFlexEmulator } from 'flex-emulator'
import { findSensitiveData, SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE } from 'test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DemoConfig, readConfig } from './config.js'
import type { LogEntry } from './create-json-logger.js'
import { startDemoServer } from './start-demo-server.js'

const form = new URLSearchParams({
  'paymentInformation.card.number': SENTINEL_CARD_NUMBERS[3] as string,
  'paymentInformation.card.securityCode': SENTINEL_SECURITY_CODE,
  'paymentInformation.card.expirationMonth': '01',
  'paymentInformation.card.expirationYear': String(new Date().getUTCFullYear() + 3),
  'orderInformation.amountDetails.totalAmount': '10.00',
  'orderInformation.amountDetails.currency': 'USD',
})

// node:http, not fetch: the Host header is the point of some of these requests.
function send(
  url: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { hostname, port, path, method: body === undefined ? 'GET' : 'POST', headers },
      (incoming) => {
        let text = ''
        incoming.setEncoding('utf8')
        incoming.on('data', (chunk: string) => {
          text += chunk
        })
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text }),
        )
      },
    )
    outgoing.once('error', reject)
    outgoing.end(body)
  })
}

// The card form posted as a browser at `origin` would, with the given Host header.
function postForm(url: string, host: string, origin: string) {
  const headers = { 'content-type': 'application/x-www-form-urlencoded', host, origin }
  return send(url, '/payments', headers, form.toString())
}

function submit(url: string): Promise<Response> {
  return fetch(new URL('/payments', url), {
    method: 'POST',
    headers: { origin: new URL(url).origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  })
}

// Post/redirect/get: the payment answers 303 to its receipt.
async function receiptOf(url: string, response: Response): Promise<string> {
  expect(response.status).toBe(303)
  const location = response.headers.get('location') ?? ''
  expect(location).toMatch(/^\/receipts\/[0-9a-f]{20}$/)
  return (await fetch(new URL(location, url))).text()
}

describe('startDemoServer', () => {
  let external: FlexEmulator
  beforeAll(async () => {
    external = await startFlexEmulator({
      port: 0,
      host: '127.0.0.1',
      keyPool: { reuseKeys: true, size: 1 },
    })
  })
  afterAll(async () => {
    await external?.close()
  })

  it('starts the emulator in-process without credentials, and stops it on close', async () => {
    const logs: LogEntry[] = []
    const demo = await startDemoServer(readConfig({ PORT: '0' }), {
      log: (entry) => logs.push(entry),
      emulator: { keyPool: { reuseKeys: true, size: 1 } },
    })
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    expect(demo.target).toMatchObject({ kind: 'emulator', label: 'Emulator' })
    expect(await (await fetch(new URL('/healthz', demo.url))).json()).toEqual({
      status: 'ok',
      flex: 'emulator',
    })
    const html = await receiptOf(demo.url, await submit(demo.url))
    expect(html).toContain('Sale approved')
    expect(html).toContain('Verified transient token')
    expect(await (await fetch(demo.url)).text()).toContain('Test cards (emulator)')
    expect(logs.some((entry) => entry.msg === 'emulator')).toBe(true)
    expect(findSensitiveData(JSON.stringify(logs), [SENTINEL_SECURITY_CODE])).toEqual([])
    await demo.close()
    await demo.close()
    await expect(fetch(demo.url)).rejects.toThrow()
    await expect(fetch(demo.target.origin)).rejects.toThrow()
  })

  function remoteConfig(): DemoConfig {
    return readConfig({
      PORT: '0',
      FLEX_ORIGIN: external.url,
      FLEX_MERCHANT_ID: external.merchant.merchantId,
      FLEX_KEY_ID: external.merchant.keyId,
      FLEX_SHARED_SECRET: external.merchant.sharedSecret,
      FLEX_AUTHENTICATION: 'http-signature',
    })
  }

  it('uses FLEX_ORIGIN and the given credentials, and lets a request in flight finish on close', async () => {
    const config = remoteConfig()
    // Closes the demo while its first Flex call has been answered and the rest of the flow is
    // still to run: the submission is in flight whatever the machine's speed.
    let closed: Promise<void> | undefined
    const logs: LogEntry[] = []
    const demo = await startDemoServer(config, {
      closeTimeout: 60_000,
      log: (entry) => {
        logs.push(entry)
        if (entry.msg === 'flex call') closed ??= demo.close()
      },
    })
    expect(demo.target).toEqual({
      kind: 'origin',
      label: new URL(external.url).host,
      origin: external.url,
    })
    const response = await submit(demo.url)
    expect(closed).toBeDefined()
    expect(response.status).toBe(303)
    // The whole flow ran, the payment included, though the demo was closing.
    expect(logs.find((entry) => entry.msg === 'payment form')).toMatchObject({
      outcome: 'tokenized',
      status: 'AUTHORIZED',
    })
    await closed
    await expect(fetch(demo.url)).rejects.toThrow()
  })

  it('answers a form over 16 KiB with 413 and Connection: close, then closes the socket', async () => {
    const demo = await startDemoServer(remoteConfig(), { log: () => {} })
    try {
      const { port } = new URL(demo.url)
      const socket = connect(Number(port), '127.0.0.1')
      let received = ''
      socket.setEncoding('utf8')
      socket.on('data', (chunk: string) => {
        received += chunk
      })
      const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()))
      socket.write(
        [
          'POST /payments HTTP/1.1',
          `Host: 127.0.0.1:${port}`,
          `Origin: http://127.0.0.1:${port}`,
          'Content-Type: application/x-www-form-urlencoded',
          'Content-Length: 20000',
          '',
          `filler=${'x'.repeat(1000)}`,
        ].join('\r\n'),
      )
      // The socket closes from the server's side while the client still owes 19 KB.
      await ended
      const head = received.slice(0, received.indexOf('\r\n\r\n')).toLowerCase()
      expect(head.split('\r\n')[0]).toBe('http/1.1 413 payload too large')
      expect(head).toMatch(/\r\nconnection: close(\r\n|$)/)
      expect(head).not.toContain('keep-alive')
      expect(received).toContain('the form is too large')
    } finally {
      await demo.close()
    }
  })

  it('refuses a DNS-rebound Host with 421, and answers on loopback names and its public URL', async () => {
    const logs: LogEntry[] = []
    const demo = await startDemoServer(
      { ...remoteConfig(), publicUrl: 'https://demo.example.com' },
      { log: (entry) => logs.push(entry) },
    )
    try {
      const { port } = new URL(demo.url)
      const rebound = await postForm(demo.url, 'attacker.example', 'http://attacker.example')
      expect(rebound.status).toBe(421)
      expect(rebound.text).toContain('This address is not one the demo answers on')
      expect(logs.some((entry) => entry.msg === 'flex call')).toBe(false)
      const withPort = await send(demo.url, '/healthz', { host: `attacker.example:${port}` })
      expect(withPort.status).toBe(421)

      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
        expect((await send(demo.url, '/healthz', { host })).status).toBe(200)
      }
      const local = await postForm(demo.url, `localhost:${port}`, `http://localhost:${port}`)
      expect(local.status).toBe(303)
      // Behind a TLS proxy: the public https origin, the public Host, plain http to the demo.
      const proxied = await postForm(demo.url, 'demo.example.com', 'https://demo.example.com')
      expect(proxied.status).toBe(303)
      const receipt = await send(demo.url, String(proxied.headers.location), {
        host: 'demo.example.com',
      })
      expect(receipt.text).toContain('Verified transient token')
      // Not the emulator of this demo: no emulator record, no test cards.
      expect(receipt.text).not.toContain("Emulator's record")
      expect(receipt.text).not.toContain('Test cards')
    } finally {
      await demo.close()
    }
  })

  it('refuses a port that is taken', async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const { port } = taken.address() as AddressInfo
    try {
      const config = readConfig({
        PORT: String(port),
        FLEX_ORIGIN: external.url,
        FLEX_MERCHANT_ID: external.merchant.merchantId,
        FLEX_KEY_ID: external.merchant.keyId,
        FLEX_SHARED_SECRET: external.merchant.sharedSecret,
      })
      await expect(startDemoServer(config, { log: () => {} })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      })
    } finally {
      await new Promise((resolve) => taken.close(resolve))
    }
  })
})

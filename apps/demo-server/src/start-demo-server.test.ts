import { type AddressInfo, createServer } from 'node:net'
import { type FlexEmulator, startFlexEmulator } from 'flex-emulator'
import { findSensitiveData, SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE } from 'test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readConfig } from './config.js'
import type { LogEntry } from './create-json-logger.js'
import { startDemoServer } from './start-demo-server.js'

const form = new URLSearchParams({
  'paymentInformation.card.number': SENTINEL_CARD_NUMBERS[1] as string,
  'paymentInformation.card.securityCode': SENTINEL_SECURITY_CODE,
  'paymentInformation.card.expirationMonth': '01',
  'paymentInformation.card.expirationYear': String(new Date().getUTCFullYear() + 3),
})

function submit(url: string): Promise<Response> {
  return fetch(new URL('/tokenize', url), {
    method: 'POST',
    headers: { origin: new URL(url).origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  })
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
    const response = await submit(demo.url)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('Verified transient token')
    expect(logs.some((entry) => entry.msg === 'emulator')).toBe(true)
    expect(findSensitiveData(JSON.stringify(logs), [SENTINEL_SECURITY_CODE])).toEqual([])
    await demo.close()
    await demo.close()
    await expect(fetch(demo.url)).rejects.toThrow()
    await expect(fetch(demo.target.origin)).rejects.toThrow()
  })

  it('uses FLEX_ORIGIN and the given credentials, and lets a request in flight finish on close', async () => {
    const config = readConfig({
      PORT: '0',
      FLEX_ORIGIN: external.url,
      FLEX_MERCHANT_ID: external.merchant.merchantId,
      FLEX_KEY_ID: external.merchant.keyId,
      FLEX_SHARED_SECRET: external.merchant.sharedSecret,
      FLEX_AUTHENTICATION: 'http-signature',
    })
    const demo = await startDemoServer(config, { log: () => {} })
    expect(demo.target).toEqual({
      kind: 'origin',
      label: new URL(external.url).host,
      origin: external.url,
    })
    const removeFault = external.faults.inject('sessions', { latencyMs: 400, times: 1 })
    try {
      const inFlight = submit(demo.url)
      await new Promise((resolve) => setTimeout(resolve, 100))
      const closed = demo.close()
      const response = await inFlight
      expect(response.status).toBe(200)
      const html = await response.text()
      expect(html).toContain('Verified transient token')
      // Not the emulator of this demo: no emulator record, only the card as keyed.
      expect(html).not.toContain("Emulator's record")
      expect(html).toContain('•••• 5556')
      await closed
      await expect(fetch(demo.url)).rejects.toThrow()
    } finally {
      removeFault()
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

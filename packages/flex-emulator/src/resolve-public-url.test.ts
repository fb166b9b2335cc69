import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { createOriginResolver, resolvePublicUrl } from './resolve-public-url.js'
import { startFlexEmulator } from './start-flex-emulator.js'
import { CARD_FIELDS, contextClaims } from './testing/flow.js'
import { jwtHeaders } from './testing/merchant-request.js'

describe('resolvePublicUrl', () => {
  it('announces the bound loopback URL as it is, without a warning', () => {
    expect(resolvePublicUrl({ host: '127.0.0.1', port: 4010, tls: false })).toEqual({
      url: 'http://127.0.0.1:4010',
    })
    expect(resolvePublicUrl({ host: '::1', port: 4010, tls: true })).toEqual({
      url: 'https://[::1]:4010',
    })
    expect(resolvePublicUrl({ host: 'localhost', port: 1, tls: false }).warning).toBeUndefined()
  })

  it.each(['0.0.0.0', '::'])('announces 127.0.0.1 for the wildcard %s, and warns', (host) => {
    const { url, warning } = resolvePublicUrl({ host, port: 4010, tls: false })
    expect(url).toBe('http://127.0.0.1:4010')
    expect(warning).toMatch(/non-loopback[\s\S]*publicUrl \(CLI: --public-url\)/)
  })

  it('keeps a specific non-loopback address, and warns', () => {
    const { url, warning } = resolvePublicUrl({ host: '192.0.2.7', port: 443, tls: true })
    expect(url).toBe('https://192.0.2.7:443')
    expect(warning).toContain('--public-url')
  })

  it('announces publicUrl when given, without a warning, whatever the bind address', () => {
    expect(
      resolvePublicUrl({ host: '0.0.0.0', port: 4010, tls: false, publicUrl: 'https://flex.test' }),
    ).toEqual({ url: 'https://flex.test' })
    expect(
      resolvePublicUrl({
        host: '0.0.0.0',
        port: 4010,
        tls: false,
        publicUrl: 'http://localhost:8080',
      }),
    ).toEqual({ url: 'http://localhost:8080' })
  })

  it('warns about an http: publicUrl on a non-loopback host and says to use https', () => {
    const { url, warning } = resolvePublicUrl({
      host: '0.0.0.0',
      port: 4010,
      tls: false,
      publicUrl: 'http://flex.test:4010',
    })
    expect(url).toBe('http://flex.test:4010')
    expect(warning).toMatch(/http: on a non-loopback host[\s\S]*--tls[\s\S]*https: origin/)
  })
})

describe('createOriginResolver', () => {
  const resolve = createOriginResolver({
    url: 'http://127.0.0.1:4010',
    tls: false,
    publicUrl: undefined,
  })

  it('gives a loopback client the loopback origin it used', () => {
    expect(resolve('localhost:4010')).toBe('http://localhost:4010')
    expect(resolve('LOCALHOST:4010')).toBe('http://localhost:4010')
    expect(resolve('[::1]:4010')).toBe('http://[::1]:4010')
    expect(resolve('127.0.0.1:4010')).toBe('http://127.0.0.1:4010')
  })

  it('gives anything else the announced URL', () => {
    for (const host of [
      undefined,
      '',
      'evil.example:4010',
      'localhost:4010/x',
      'localhost@evil',
      'a b',
    ]) {
      expect(resolve(host)).toBe('http://127.0.0.1:4010')
    }
  })

  it('always gives publicUrl when one is set', () => {
    const fixed = createOriginResolver({
      url: 'https://flex.test',
      tls: false,
      publicUrl: 'https://flex.test',
    })
    expect(fixed('localhost:4010')).toBe('https://flex.test')
  })
})

function createSessionVia(url: string, port: number, merchant: Parameters<typeof jwtHeaders>[1]) {
  const body = JSON.stringify({ fields: CARD_FIELDS })
  const headers = { ...jwtHeaders(url, merchant, body), host: new URL(url).host }
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/flex/v2/sessions', headers, agent: false },
      (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          text += chunk
        })
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }))
      },
    )
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

describe('flx.origin', () => {
  it('is the origin a loopback client used when no publicUrl is set', async () => {
    const emulator = await startFlexEmulator({ keyPool: { reuseKeys: true, size: 1 } })
    try {
      const viaLocalhost = await createSessionVia(
        `http://localhost:${emulator.port}`,
        emulator.port,
        emulator.merchant,
      )
      expect(viaLocalhost.status).toBe(201)
      expect(contextClaims(viaLocalhost.text).flx.origin).toBe(`http://localhost:${emulator.port}`)
      const viaAddress = await createSessionVia(emulator.url, emulator.port, emulator.merchant)
      expect(contextClaims(viaAddress.text).flx.origin).toBe(emulator.url)
    } finally {
      await emulator.close()
    }
  })

  it('is publicUrl when set (and url is publicUrl)', async () => {
    const lines: string[] = []
    const emulator = await startFlexEmulator({
      keyPool: { reuseKeys: true, size: 1 },
      publicUrl: 'https://Flex.Test:8443/',
      log: (line) => lines.push(line),
    })
    try {
      expect(emulator.url).toBe('https://flex.test:8443')
      const local = `http://127.0.0.1:${emulator.port}`
      const session = await createSessionVia(local, emulator.port, emulator.merchant)
      expect(session.status).toBe(201)
      expect(contextClaims(session.text).flx.origin).toBe('https://flex.test:8443')
      expect(lines.filter((line) => line.includes('public-url'))).toEqual([])
    } finally {
      await emulator.close()
    }
  })
})

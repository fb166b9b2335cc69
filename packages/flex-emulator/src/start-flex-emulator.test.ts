import { describe, expect, it } from 'vitest'
import { startFlexEmulator } from './start-flex-emulator.js'
import { contextClaims, createCaptureContext } from './testing/flow.js'

describe('startFlexEmulator options', () => {
  it.each([
    [{ port: -1 }, /^startFlexEmulator: port must/],
    [{ port: 1.5 }, /^startFlexEmulator: port must/],
    [{ host: '' }, /^startFlexEmulator: host must/],
    [{ bodyLimit: 10 }, /^startFlexEmulator: bodyLimit must/],
    [{ maxUsesPerCaptureContext: 0 }, /^startFlexEmulator: maxUsesPerCaptureContext must/],
    [{ maxCaptureContexts: 0 }, /^startFlexEmulator: maxCaptureContexts must/],
    [{ maxPayments: 0 }, /^startFlexEmulator: maxPayments must/],
    [{ maxConnections: 0 }, /^startFlexEmulator: maxConnections must/],
    [{ headersTimeout: 0 }, /^startFlexEmulator: headersTimeout must/],
    [{ headersTimeout: 5_000, requestTimeout: 1_000 }, /^startFlexEmulator: requestTimeout must/],
    [{ keepAliveTimeout: 3e9 }, /^startFlexEmulator: keepAliveTimeout must/],
    [{ maxRequestsPerSocket: 0 }, /^startFlexEmulator: maxRequestsPerSocket must/],
    [{ publicUrl: 'ftp://example.com' }, /^startFlexEmulator: publicUrl must/],
    [{ log: 'yes' }, /^startFlexEmulator: log must/],
    [{ tls: 'yes' }, /^startFlexEmulator: tls must/],
    [{ merchants: [] }, /^startFlexEmulator: merchants must/],
    [{ merchants: [{ merchantId: 'm', keyId: 'k' }] }, /merchants\[0\]\.sharedSecret/],
    [
      { merchants: [{ merchantId: 'm', keyId: 'k', sharedSecret: 'not base64!' }] },
      /padded base64/,
    ],
    [{ keyPool: { size: 0 } }, /^startFlexEmulator: keyPool\.size must/],
    [{ keyPool: null }, /^startFlexEmulator: keyPool must/],
    [{ keyPool: { reuseKeys: 'yes' } }, /^startFlexEmulator: keyPool\.reuseKeys must/],
  ])('throws a usage error naming the option for %j', async (options, message) => {
    const error = await startFlexEmulator(options as never).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(TypeError)
    expect(error).toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' })
    expect((error as Error).message).toMatch(message)
  })

  it.each([
    'http://127.0.0.1:4010/flex',
    'https://example.com/?q=1',
    'https://example.com#top',
    'https://user:pass@example.com',
    'mailto:someone@example.com',
    'not a url',
    42,
  ])('refuses publicUrl %j (an http(s) origin only)', async (publicUrl) => {
    await expect(startFlexEmulator({ publicUrl } as never)).rejects.toMatchObject({
      code: 'ERR_INVALID_ARG_VALUE',
      message: expect.stringMatching(/^startFlexEmulator: publicUrl must/),
    })
  })

  it('never echoes a bad secret in the TypeError', async () => {
    const secret = 'super-secret-value-!!'
    const error = await startFlexEmulator({
      merchants: [{ merchantId: 'm', keyId: 'k', sharedSecret: secret }],
    }).catch((caught: unknown) => caught)
    expect(String((error as Error).message)).not.toContain(secret)
  })

  it('binds 127.0.0.1 on a free port with fresh credentials per start, and follows its clock', async () => {
    const [first, second] = await Promise.all([
      startFlexEmulator({ keyPool: { reuseKeys: true, size: 1 } }),
      startFlexEmulator({ keyPool: { reuseKeys: true, size: 1 } }),
    ])
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(first.port).not.toBe(second.port)
      expect(first.merchant).not.toEqual(second.merchant)
      expect(Buffer.from(first.merchant.sharedSecret, 'base64')).toHaveLength(32)
      expect(first.certificate).toBeUndefined()
      const at = new Date('2031-01-02T03:04:05Z')
      first.clock.set(at)
      const claims = contextClaims(await createCaptureContext(first))
      expect(Math.abs(claims.iat - at.getTime() / 1000)).toBeLessThan(30)
      first.clock.reset()
      expect(Math.abs(first.clock.now().getTime() - Date.now())).toBeLessThan(1000)
      expect(() => first.clock.advance(Number.NaN)).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }),
      )
      expect(() => first.clock.set(new Date('nope'))).toThrow(/^clock\.set: date must/)
      expect(() => first.inspectTransientToken(42 as never)).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }),
      )
    } finally {
      await Promise.all([first.close(), second.close()])
    }
  })
})

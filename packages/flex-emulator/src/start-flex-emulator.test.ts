import { describe, expect, it } from 'vitest'
import { startFlexEmulator } from './start-flex-emulator.js'
import { contextClaims, createCaptureContext } from './testing/flow.js'

describe('startFlexEmulator options', () => {
  it.each([
    [{ port: -1 }, /options\.port/],
    [{ port: 1.5 }, /options\.port/],
    [{ host: '' }, /options\.host/],
    [{ bodyLimit: 10 }, /options\.bodyLimit/],
    [{ maxUsesPerCaptureContext: 0 }, /options\.maxUsesPerCaptureContext/],
    [{ log: 'yes' }, /options\.log/],
    [{ tls: 'yes' }, /options\.tls/],
    [{ merchants: [] }, /options\.merchants/],
    [{ merchants: [{ merchantId: 'm', keyId: 'k' }] }, /merchants\[0\]\.sharedSecret/],
    [
      { merchants: [{ merchantId: 'm', keyId: 'k', sharedSecret: 'not base64!' }] },
      /padded base64/,
    ],
    [{ keyPool: { size: 0 } }, /keyPool\.size/],
    [{ keyPool: null }, /options\.keyPool must/],
    [{ keyPool: { reuseKeys: 'yes' } }, /keyPool\.reuseKeys/],
  ])('throws a TypeError naming the option for %j', async (options, message) => {
    await expect(startFlexEmulator(options as never)).rejects.toThrow(TypeError)
    await expect(startFlexEmulator(options as never)).rejects.toThrow(message)
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
      expect(() => first.clock.advance(Number.NaN)).toThrow(TypeError)
      expect(() => first.clock.set(new Date('nope'))).toThrow(TypeError)
    } finally {
      await Promise.all([first.close(), second.close()])
    }
  })
})

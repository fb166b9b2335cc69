import { afterEach, describe, expect, it, vi } from 'vitest'
import type { KeyPool } from './key-pool.js'

const pools: { pool: KeyPool; stop: ReturnType<typeof vi.fn> }[] = []
const failures = vi.hoisted(() => ({ certificate: false, signing: false }))

vi.mock('./key-pool.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./key-pool.js')>()
  return {
    ...actual,
    createKeyPool: (...args: Parameters<typeof actual.createKeyPool>) => {
      const pool = actual.createKeyPool(...args)
      const stop = vi.fn(() => pool.stop())
      pools.push({ pool, stop })
      return { ...pool, stop }
    },
  }
})
vi.mock('./create-self-signed-certificate.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./create-self-signed-certificate.js')>()
  return {
    ...actual,
    createSelfSignedCertificate: (
      ...args: Parameters<typeof actual.createSelfSignedCertificate>
    ) =>
      failures.certificate
        ? Promise.reject(new Error('certificate setup failed'))
        : actual.createSelfSignedCertificate(...args),
  }
})
vi.mock('./signing-key-ring.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./signing-key-ring.js')>()
  return {
    ...actual,
    createSigningKeyRing: (...args: Parameters<typeof actual.createSigningKeyRing>) =>
      failures.signing
        ? Promise.reject(new Error('signing key setup failed'))
        : actual.createSigningKeyRing(...args),
  }
})

const { startFlexEmulator } = await import('./start-flex-emulator.js')

afterEach(() => {
  failures.certificate = false
  failures.signing = false
  pools.length = 0
})

describe('startFlexEmulator when its setup fails', () => {
  it('stops the key pool when the TLS certificate cannot be made', async () => {
    failures.certificate = true
    await expect(startFlexEmulator({ tls: true, keyPool: { reuseKeys: true } })).rejects.toThrow(
      'certificate setup failed',
    )
    expect(pools).toHaveLength(1)
    expect(pools[0]?.stop).toHaveBeenCalledTimes(1)
  })

  it('stops the key pool when the signing key cannot be made', async () => {
    failures.signing = true
    await expect(startFlexEmulator({ keyPool: { reuseKeys: true } })).rejects.toThrow(
      'signing key setup failed',
    )
    expect(pools[0]?.stop).toHaveBeenCalledTimes(1)
  })

  it('starts as usual otherwise', async () => {
    const emulator = await startFlexEmulator({ keyPool: { reuseKeys: true } })
    expect(pools[0]?.stop).not.toHaveBeenCalled()
    await emulator.close()
    expect(pools[0]?.stop).toHaveBeenCalled()
  })
})

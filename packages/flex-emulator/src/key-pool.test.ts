import { describe, expect, it } from 'vitest'
import { createKeyPool } from './key-pool.js'

describe('createKeyPool', () => {
  it('hands out distinct one-time keys and refills', async () => {
    const pool = createKeyPool({ size: 1 })
    try {
      await pool.whenFull()
      const [a, b] = await Promise.all([pool.take(), pool.take()])
      expect(a?.publicJwk.n).not.toBe(b?.publicJwk.n)
      expect(a?.privateKey.type).toBe('private')
      expect(a).not.toHaveProperty('privateJwk')
      await pool.whenFull()
    } finally {
      pool.stop()
    }
  }, 30_000)

  it('settles whenFull once stopped, since a stopped pool never fills', async () => {
    const pool = createKeyPool({ size: 4 })
    const full = pool.whenFull().then(() => 'settled')
    pool.stop()
    await expect(full).resolves.toBe('settled')
    await expect(pool.whenFull()).resolves.toBeUndefined()
  })

  it('cycles a fixed set with reuseKeys, serving every waiter', async () => {
    const pool = createKeyPool({ size: 1, reuseKeys: true })
    try {
      const keys = await Promise.all(Array.from({ length: 5 }, () => pool.take()))
      expect(new Set(keys.map((key) => key.publicJwk.n)).size).toBe(1)
    } finally {
      pool.stop()
    }
  })
})

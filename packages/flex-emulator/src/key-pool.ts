import { generateKeyPair, type KeyObject } from 'node:crypto'
import { readCountOption } from 'flex-types/internal'

/**
 * An RSA key pair: the public half as a JWK for `flx.jwk`, the private half as a KeyObject made
 * once, so signing and decryption never re-import it. No JWK copy of the private half is kept:
 * it doubled the memory of each one-time key (see the README's Security section).
 */
export interface RsaJwkPair {
  publicJwk: { kty: 'RSA'; n: string; e: string }
  privateKey: KeyObject
}

/** How the one-time keys of capture contexts are made. */
export interface KeyPoolOptions {
  /** Keys kept ready (or, with `reuseKeys`, the keys cycled through). Default 8, or 2 with `reuseKeys`. */
  size?: number
  /**
   * Reuse a fixed set of `size` key pairs for every capture context (each context still gets
   * its own kid), shared by every emulator in the process along with the first signing key.
   * Much faster to start; the keys are then not one-time. Default false.
   */
  reuseKeys?: boolean
}

/** A pool of pre-generated RSA-2048 key pairs, refilled in the background. */
export interface KeyPool {
  /** The next key pair: at once when the pool has one, else after the next generation. */
  take(): Promise<RsaJwkPair>
  /** Resolves when the pool holds `size` keys, or once it is stopped (it will not fill then). */
  whenFull(): Promise<void>
  /** Stops refilling; pending `take` calls still get a key. */
  stop(): void
}

/** Generates one RSA-2048 key pair off the event loop (libuv thread pool). */
export function generateRsaJwkPair(): Promise<RsaJwkPair> {
  return new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength: 2048, publicExponent: 0x10001 }, (error, pub, priv) => {
      if (error) {
        reject(error)
        return
      }
      const { n, e } = pub.export({ format: 'jwk' })
      resolve({
        publicJwk: { kty: 'RSA', n: n ?? '', e: e ?? '' },
        privateKey: priv,
      })
    })
  })
}

const sharedKeys = new Map<string, Promise<RsaJwkPair>>()

/**
 * A key pair shared by every emulator of this process that reuses keys, generated on first use:
 * test suites that start many emulators pay for key generation once.
 */
export function sharedRsaJwkPair(slot: string): Promise<RsaJwkPair> {
  let pair = sharedKeys.get(slot)
  if (!pair) {
    pair = generateRsaJwkPair()
    pair.catch(() => sharedKeys.delete(slot))
    sharedKeys.set(slot, pair)
  }
  return pair
}

// At most two generations at once: the machine's other work (and the requests) need CPU too.
const PARALLEL_GENERATIONS = 2

function createReusingKeyPool(size: number): KeyPool {
  const keys = Array.from({ length: size }, (_, index) => sharedRsaJwkPair(`one-time-${index}`))
  let cursor = 0
  return {
    take() {
      const pair = keys[cursor % size] as Promise<RsaJwkPair>
      cursor += 1
      return pair
    },
    whenFull: async () => {
      await Promise.all(keys)
    },
    stop() {},
  }
}

/** Creates a key pool and starts filling it. */
export function createKeyPool(options: KeyPoolOptions = {}): KeyPool {
  const reuse = options.reuseKeys ?? false
  const size = readCountOption('startFlexEmulator', 'keyPool.size', options.size, {
    fallback: reuse ? 2 : 8,
    min: 1,
    max: 1024,
  })
  if (reuse) return createReusingKeyPool(size)
  const ready: RsaJwkPair[] = []
  const waiting: ((pair: RsaJwkPair) => void)[] = []
  const fullWaiters: (() => void)[] = []
  let generating = 0
  let stopped = false

  const settleFull = (): void => {
    if (ready.length >= size) for (const resolve of fullWaiters.splice(0)) resolve()
  }

  const fill = (): void => {
    while (
      !stopped &&
      generating < PARALLEL_GENERATIONS &&
      ready.length + generating < size + waiting.length
    ) {
      generating += 1
      generateRsaJwkPair().then(
        (pair) => {
          generating -= 1
          const waiter = waiting.shift()
          if (waiter) waiter(pair)
          else ready.push(pair)
          settleFull()
          fill()
        },
        () => {
          generating -= 1
          setTimeout(fill, 100).unref()
        },
      )
    }
  }
  fill()

  return {
    take() {
      const pair = ready.shift()
      if (pair) {
        fill()
        return Promise.resolve(pair)
      }
      return new Promise((resolve) => {
        waiting.push(resolve)
        // A closed emulator's pool still serves a request that was already in flight.
        const wasStopped = stopped
        stopped = false
        fill()
        stopped = wasStopped
      })
    },
    whenFull() {
      return ready.length >= size || stopped
        ? Promise.resolve()
        : new Promise((resolve) => fullWaiters.push(resolve))
    },
    stop() {
      stopped = true
      for (const resolve of fullWaiters.splice(0)) resolve()
    },
  }
}

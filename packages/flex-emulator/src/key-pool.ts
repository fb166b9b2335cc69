import { generateKeyPair, type JsonWebKey } from 'node:crypto'

/** An RSA key pair as JWKs: the public half goes into `flx.jwk`, the private half stays here. */
export interface RsaJwkPair {
  publicJwk: { kty: 'RSA'; n: string; e: string }
  privateJwk: JsonWebKey
}

/** How the one-time keys of capture contexts are made. */
export interface KeyPoolOptions {
  /** Keys kept ready (or, with `reuseKeys`, the keys cycled through). Default 8, or 2 with `reuseKeys`. */
  size?: number
  /**
   * Reuse a fixed set of `size` key pairs for every capture context (each context still gets
   * its own kid). Much faster; the keys are then not one-time. Default false.
   */
  reuseKeys?: boolean
}

/** A pool of pre-generated RSA-2048 key pairs, refilled in the background. */
export interface KeyPool {
  /** The next key pair: at once when the pool has one, else after the next generation. */
  take(): Promise<RsaJwkPair>
  /** Resolves when the pool holds `size` keys. */
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
        privateJwk: priv.export({ format: 'jwk' }),
      })
    })
  })
}

// At most two generations at once: the machine's other work (and the requests) need CPU too.
const PARALLEL_GENERATIONS = 2

/** Creates a key pool and starts filling it. */
export function createKeyPool(options: KeyPoolOptions = {}): KeyPool {
  const reuse = options.reuseKeys ?? false
  const size = options.size ?? (reuse ? 2 : 8)
  if (!Number.isInteger(size) || size < 1 || size > 1024) {
    throw new TypeError('startFlexEmulator: options.keyPool.size must be an integer from 1 to 1024')
  }
  const ready: RsaJwkPair[] = []
  const waiting: ((pair: RsaJwkPair) => void)[] = []
  const fullWaiters: (() => void)[] = []
  let generating = 0
  let generated = 0
  let cursor = 0
  let stopped = false

  const next = (): RsaJwkPair => {
    const pair = ready[cursor % ready.length] as RsaJwkPair
    cursor += 1
    return pair
  }

  const settleFull = (): void => {
    if (ready.length >= size) for (const resolve of fullWaiters.splice(0)) resolve()
  }

  const fill = (): void => {
    while (
      !stopped &&
      generating < PARALLEL_GENERATIONS &&
      (reuse ? generated + generating < size : ready.length + generating < size + waiting.length)
    ) {
      generating += 1
      generateRsaJwkPair().then(
        (pair) => {
          generating -= 1
          generated += 1
          if (reuse) {
            ready.push(pair)
            for (const waiter of waiting.splice(0)) waiter(next())
          } else {
            const waiter = waiting.shift()
            if (waiter) waiter(pair)
            else ready.push(pair)
          }
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
      if (reuse && ready.length > 0) return Promise.resolve(next())
      const pair = reuse ? undefined : ready.shift()
      if (pair) {
        fill()
        return Promise.resolve(pair)
      }
      return new Promise((resolve) => {
        waiting.push(resolve)
        if (stopped && generating === 0) {
          stopped = false
          fill()
          stopped = true
        } else fill()
      })
    },
    whenFull() {
      return ready.length >= size
        ? Promise.resolve()
        : new Promise((resolve) => fullWaiters.push(resolve))
    },
    stop() {
      stopped = true
    },
  }
}

import { createCaptureContextStore, createMemoryStorage, verifyTransientToken } from 'flex-jwt'
import { createRedisStorage } from 'flex-redis'
import { startRedisServer } from 'test-utils/start-redis-server'
import { compareCandidates, medianRatio } from './measure.mjs'

const MODES = [
  ['sequential', 1],
  ['64 in flight', 64],
]
const FIFTEEN_MINUTES = 900_000

// consume takes the verified token's jti and expiry only: each call gets a jti of its own, as
// every real payment does, so that each one is a set-if-absent that wins.
function consumer(store, name) {
  let count = 0
  return () => {
    count += 1
    return store.consume({
      jti: `${name}-${count}`,
      expiresAt: new Date(Date.now() + FIFTEEN_MINUTES),
    })
  }
}

/** Section 7: the capture-context store of a fleet, on Redis (loopback) and in memory. */
export async function benchFleetStore(tokens, settings) {
  const { keys, captureContext, transientTokenJwt: jwt } = tokens
  const redis = await startRedisServer()
  const redisStorage = createRedisStorage({ url: redis.url })
  try {
    const memory = createCaptureContextStore({
      keys,
      storage: createMemoryStorage({ maxEntries: 1_000_000 }),
    })
    const onRedis = createCaptureContextStore({ keys, storage: redisStorage })
    await Promise.all([memory.save(captureContext), onRedis.save(captureContext)])
    const candidates = {
      'verifyTransientToken, the capture context in hand (no store)': () =>
        verifyTransientToken(jwt, { captureContext }),
      'verifyTransientToken, store on createMemoryStorage': () =>
        verifyTransientToken(jwt, { captureContexts: memory }),
      'verifyTransientToken, store on Redis (flex-redis, loopback)': () =>
        verifyTransientToken(jwt, { captureContexts: onRedis }),
      'consume, createMemoryStorage': consumer(memory, 'memory'),
      'consume, Redis (SET NX PX, loopback)': consumer(onRedis, 'redis'),
    }
    const results = await compareCandidates(candidates, { modes: MODES, ...settings })
    const microseconds = (value) => `${value.toFixed(0)} µs`
    return {
      title: '7. Shared state for server fleets (capture-context store, consume)',
      unit: 'operations/s',
      results,
      headline: [
        ...MODES.map(([mode]) => ({
          label: `verifyTransientToken with the store on Redis vs the store in memory, ${mode}`,
          value: medianRatio(
            results[mode],
            'verifyTransientToken, store on Redis (flex-redis, loopback)',
            'verifyTransientToken, store on createMemoryStorage',
          ),
        })),
        {
          label: 'cost of one consume on Redis, sequential (loopback round trip)',
          value: 1e6 / results.sequential['consume, Redis (SET NX PX, loopback)'].median,
          format: microseconds,
        },
      ],
      notes: [
        "Verification with a store reads the saved context from the storage on every call (a GET on Redis), so a context deleted or expired there is refused at once; the context's own signature is verified once per instance and reused while the stored JWT is the same.",
        "Redis is Debian's redis-server, started by the benchmark on a loopback port (no persistence), reached through one node-redis connection per storage, as a fleet member would.",
        'consume is one SET NX PX of the SHA-256 of the jti: each call uses a new jti, so each one wins and writes.',
      ],
    }
  } finally {
    await redisStorage.close()
    await redis.close()
  }
}

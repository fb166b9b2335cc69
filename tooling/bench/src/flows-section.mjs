import { generateKeyPair } from 'node:crypto'
import { once } from 'node:events'
import { Worker } from 'node:worker_threads'
import { createFlexClient } from 'flex-client'
import { encryptPaymentData } from 'flex-jwe'
import { createPublicKeyResolver, verifyCaptureContext, verifyTransientToken } from 'flex-jwt'
import { PAYMENT_DATA, SESSION_FIELDS } from './fixtures.mjs'
import { summarize } from './measure.mjs'

const CONCURRENCY = 16

async function startWorkerEmulator(options) {
  const worker = new Worker(new URL('./emulator-worker.mjs', import.meta.url), {
    workerData: options,
  })
  const [started] = await Promise.race([
    once(worker, 'message'),
    once(worker, 'error').then(([error]) => Promise.reject(error)),
  ])
  const ask = async (message) => {
    worker.postMessage(message)
    await once(worker, 'message')
  }
  return {
    ...started,
    fill: () => ask('fill'),
    close: async () => {
      await ask('close')
      await worker.terminate()
    },
  }
}

async function runFlows(emulator, flows) {
  const client = createFlexClient({ origin: emulator.url, credentials: emulator.merchant })
  const keys = createPublicKeyResolver({ origin: emulator.url })
  const flow = async () => {
    const jwt = await client.createSession(SESSION_FIELDS)
    const captureContext = await verifyCaptureContext(jwt, { keys })
    const jwe = await encryptPaymentData(captureContext, PAYMENT_DATA)
    const token = await client.createTransientToken(captureContext, jwe)
    await verifyTransientToken(token, { captureContext })
  }
  let started = 0
  const begin = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (started < flows) {
        started += 1
        await flow()
      }
    }),
  )
  return flows / ((performance.now() - begin) / 1000)
}

async function measureFlows(options, { flows, rounds, warmupFlows }) {
  const emulator = await startWorkerEmulator(options)
  try {
    await runFlows(emulator, warmupFlows)
    const rates = []
    for (let round = 0; round < rounds; round += 1) {
      await emulator.fill()
      rates.push(await runFlows(emulator, flows))
    }
    return summarize(rates)
  } finally {
    await emulator.close()
  }
}

async function measureKeyGeneration(count) {
  const generate = () =>
    new Promise((resolve, reject) =>
      generateKeyPair('rsa', { modulusLength: 2048 }, (error) =>
        error ? reject(error) : resolve(),
      ),
    )
  let started = 0
  const begin = performance.now()
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      while (started < count) {
        started += 1
        await generate()
      }
    }),
  )
  return summarize([count / ((performance.now() - begin) / 1000)])
}

/** Section 5: whole flows through the SDK packages against the emulator, 16 at a time. */
export async function benchEmulatorFlows(_tokens, settings) {
  const {
    flowRounds: rounds,
    reuseFlows,
    reusePoolSize,
    uniqueFlows,
    uniquePoolSize,
    keyCount,
  } = settings
  const reuse = `key reuse (${reusePoolSize} keys cycled), pool warm`
  const unique = `unique one-time keys, pool of ${uniquePoolSize} warm at each round start`
  const mode = `concurrency ${CONCURRENCY}`
  const results = {
    [mode]: {
      [reuse]: await measureFlows(
        { keyPool: { reuseKeys: true, size: reusePoolSize } },
        { flows: reuseFlows, rounds, warmupFlows: Math.min(CONCURRENCY, reuseFlows) },
      ),
      [unique]: await measureFlows(
        { keyPool: { size: uniquePoolSize } },
        { flows: uniqueFlows, rounds, warmupFlows: 1 },
      ),
      'raw RSA-2048 key generation, 2 in parallel (keys/s)': await measureKeyGeneration(keyCount),
    },
  }
  return {
    title: '5. Emulator: full flows per second',
    unit: 'flows/s',
    results,
    reference: undefined,
    headline: [
      {
        label: 'emulator flows/s, key reuse, concurrency 16',
        value: results[mode][reuse].median,
        goal: 300,
        absolute: true,
      },
      {
        label: 'emulator flows/s, unique keys, concurrency 16',
        value: results[mode][unique].median,
        goal: undefined,
        absolute: true,
      },
    ],
    notes: [
      `One flow = createSession (JWT auth) → verifyCaptureContext → encryptPaymentData → createTransientToken → verifyTransientToken, all through the SDK packages, over HTTP on loopback; the emulator runs in a worker thread of the same process. The public key is fetched once per round (warm resolver cache) since all contexts share one long-term kid. Rounds: ${rounds}; flows per round: ${reuseFlows} (reuse), ${uniqueFlows} (unique).`,
      'Each flow costs the emulator two RSA-2048 signatures and one RSA-OAEP decryption, and the client two RSA verifications and one encryption, on the same two shared cores.',
      'With unique keys every capture context needs a fresh RSA-2048 key pair: once the warm pool is spent, flows can go no faster than key generation (row 3).',
    ],
  }
}

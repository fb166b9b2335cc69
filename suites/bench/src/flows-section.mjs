import { execFile } from 'node:child_process'
import { generateKeyPair } from 'node:crypto'
import { once } from 'node:events'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
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
    const [answer] = await once(worker, 'message')
    return answer
  }
  return {
    ...started,
    busy: () => ask('busy'),
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
  const cpuBefore = process.cpuUsage()
  const emulatorBusyBefore = await emulator.busy()
  const clientBusyBefore = performance.eventLoopUtilization()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (started < flows) {
        started += 1
        await flow()
      }
    }),
  )
  const seconds = (performance.now() - begin) / 1000
  const { user, system } = process.cpuUsage(cpuBefore)
  const clientBusy = performance.eventLoopUtilization(clientBusyBefore).active
  const emulatorBusy = (await emulator.busy()) - emulatorBusyBefore
  // CPU time of the whole process (both threads and the thread pool) against the wall time of
  // all cores: far below 1 while flows are slow means waiting for a CPU, not code on the path.
  return {
    rate: flows / seconds,
    cpuMsPerFlow: (user + system) / 1000 / flows,
    coreShare: (user + system) / 1e6 / (seconds * availableParallelism()),
    emulatorBusyMsPerFlow: emulatorBusy / flows,
    clientBusyMsPerFlow: clientBusy / flows,
  }
}

async function measureFlows(options, { flows, rounds, warmupFlows }) {
  const emulator = await startWorkerEmulator(options)
  try {
    await runFlows(emulator, warmupFlows)
    const measured = []
    for (let round = 0; round < rounds; round += 1) {
      await emulator.fill()
      measured.push(await runFlows(emulator, flows))
    }
    return {
      ...summarize(measured.map(({ rate }) => rate)),
      cpuMsPerFlow: summarize(measured.map(({ cpuMsPerFlow }) => cpuMsPerFlow)).median,
      coreShare: summarize(measured.map(({ coreShare }) => coreShare)).median,
      emulatorBusyMsPerFlow: summarize(measured.map((round) => round.emulatorBusyMsPerFlow)).median,
      clientBusyMsPerFlow: summarize(measured.map((round) => round.clientBusyMsPerFlow)).median,
    }
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

// flex-emulator owns its benchmark (packages/flex-emulator/scripts/bench.mjs): the emulator in a
// child process, driven by a light node:http keep-alive client written from docs/protocol.md. Run as
// a child of this one and read back as JSON, so the report shows the same number the package's
// `bench` script prints, without a second copy of it.
const emulatorBench = new URL('../../../packages/flex-emulator/scripts/bench.mjs', import.meta.url)

async function runEmulatorBench({ smoke }) {
  const counts = smoke ? ['--flows', '16', '--rounds', '1', '--warmup', '0'] : []
  let stdout
  try {
    ;({ stdout } = await promisify(execFile)(
      process.execPath,
      [fileURLToPath(emulatorBench), '--json', '--reuse-only', ...counts],
      { maxBuffer: 1 << 20 },
    ))
  } catch (error) {
    // It exits 1 when a flow saw a non-2xx answer, after printing its report: read it.
    if (!error.stdout) throw error
    stdout = error.stdout
  }
  const report = JSON.parse(stdout)
  const failures = report.reuse.failures + report.payments.failures
  if (failures > 0) throw new Error(`flex-emulator bench saw ${failures} non-2xx answers`)
  return report
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
  const alone = await runEmulatorBench(settings)
  const light = 'emulator alone (its `bench` script: node:http client, child process), key reuse'
  const paying =
    'emulator alone, payment flows (+ authorize + capture; its `bench` script), key reuse'
  const reuse = `through the SDK packages, key reuse (${reusePoolSize} key${reusePoolSize === 1 ? '' : 's'} cycled), pool warm`
  const unique = `through the SDK packages, unique one-time keys, pool of ${uniquePoolSize} warm at each round start`
  const mode = `concurrency ${CONCURRENCY}`
  const results = {
    [mode]: {
      [light]: { min: alone.reuse.min, median: alone.reuse.median, max: alone.reuse.max },
      [paying]: { min: alone.payments.min, median: alone.payments.median, max: alone.payments.max },
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
        label: 'emulator flows/s, key reuse, concurrency 16 (its bench script)',
        value: alone.reuse.median,
        goal: 300,
        absolute: true,
      },
      {
        label: 'emulator payment flows/s, key reuse, concurrency 16 (its bench script)',
        value: alone.payments.median,
        goal: 250,
        absolute: true,
      },
      {
        label: 'SDK + emulator flows/s in one process, key reuse, concurrency 16',
        value: results[mode][reuse].median,
        goal: undefined,
        absolute: true,
      },
      {
        label: 'SDK + emulator flows/s, unique keys, concurrency 16',
        value: results[mode][unique].median,
        goal: undefined,
        absolute: true,
      },
    ],
    notes: [
      `Row 1 is flex-emulator's own benchmark (\`pnpm --filter flex-emulator bench\`, the measure issue 6's goal of 300 flows/s is set on): the emulator in a child process, a node:http keep-alive client written from [docs/protocol.md](../../docs/protocol.md) (HMAC JWT auth, jose encryption) in this one; ${alone.reuse.warmup} warm-up flows, then ${alone.reuse.rounds} rounds of ${alone.reuse.flows}. Its CPU per flow (median): emulator ${alone.reuse.emulatorCpuMsPerFlow.toFixed(2)} ms, client ${alone.reuse.clientCpuMsPerFlow.toFixed(2)} ms. The emulator makes its two RSA signatures per flow on libuv's thread pool (so it uses both cores) and its one RSA-OAEP decryption on the event loop. Row 2 is the same script's payment flow: the same plus \`POST /pts/v2/payments\` and a capture of the whole amount (issue 17's goal: 250 flows/s); emulator CPU per flow (median) ${alone.payments.emulatorCpuMsPerFlow.toFixed(2)} ms, client ${alone.payments.clientCpuMsPerFlow.toFixed(2)} ms; 1-minute load average when the script started: ${alone.loadAverage.toFixed(1)}.`,
      `Rows 3 and 4: one flow = createSession (JWT auth) → verifyCaptureContext → encryptPaymentData → createTransientToken → verifyTransientToken, all through the SDK packages, over HTTP on loopback; the emulator runs in a worker thread of the same process. The public key is fetched once per round (warm resolver cache) since all contexts share one long-term kid. Rounds: ${rounds}; flows per round: ${reuseFlows} (reuse), ${uniqueFlows} (unique).`,
      'Each flow costs the emulator two RSA-2048 signatures and one RSA-OAEP decryption, and the client two RSA verifications and one encryption, on the same two shared cores.',
      `CPU used by the whole process (emulator thread, client thread, thread pool; \`process.cpuUsage\`), median over rounds: key reuse ${results[mode][reuse].cpuMsPerFlow.toFixed(2)} ms per flow, ${(results[mode][reuse].coreShare * 100).toFixed(0)} % of the ${availableParallelism()} cores' time; unique keys ${results[mode][unique].cpuMsPerFlow.toFixed(2)} ms per flow, ${(results[mode][unique].coreShare * 100).toFixed(0)} %. At ${results[mode][reuse].cpuMsPerFlow.toFixed(2)} ms per flow the two cores alone would allow about ${Math.round((1000 * availableParallelism()) / results[mode][reuse].cpuMsPerFlow)} flows/s; a share far below 100 % means the flows waited for a CPU the rest of the machine was using. Event-loop busy time per flow (key reuse; on a loaded machine it also counts time a thread was ready but not running): emulator thread ${results[mode][reuse].emulatorBusyMsPerFlow.toFixed(2)} ms, client thread ${results[mode][reuse].clientBusyMsPerFlow.toFixed(2)} ms (the rest of the CPU is the libuv thread pool doing the RSA and AES work).`,
      'With unique keys every capture context needs a fresh RSA-2048 key pair: once the warm pool is spent, flows can go no faster than key generation (last row).',
    ],
  }
}

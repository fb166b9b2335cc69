// Benchmark: full flows per second (session + public key + tokens) at concurrency 16 against the
// built emulator (run `build` first), with one-time key reuse off and on, next to the raw
// RSA-2048 key generation rate. The emulator runs in a worker thread, the client here.
// Usage: node scripts/bench.mjs [--flows 400] [--unique-flows 48] [--concurrency 16]
import { generateKeyPair } from 'node:crypto'
import { parseArgs } from 'node:util'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'

if (!isMainThread) {
  const { startFlexEmulator } = await import('../dist/index.js')
  const emulator = await startFlexEmulator(workerData)
  await emulator.waitForKeyPool()
  parentPort.postMessage({ url: emulator.url, merchant: emulator.merchant })
  parentPort.on('message', async () => {
    await emulator.close()
    parentPort.postMessage('closed')
  })
} else {
  const { runFlow, runFlows } = await import('./flow-client.mjs')
  const { values } = parseArgs({
    options: {
      flows: { type: 'string', default: '400' },
      'unique-flows': { type: 'string', default: '48' },
      concurrency: { type: 'string', default: '16' },
    },
  })
  const concurrency = Number(values.concurrency)
  async function measure(label, options, flows) {
    const worker = new Worker(new URL(import.meta.url), { workerData: options })
    const { url, merchant } = await new Promise((resolve) => worker.once('message', resolve))
    for (let index = 0; index < concurrency; index += 1) await runFlow(url, merchant)
    const started = performance.now()
    const statuses = await runFlows(url, merchant, flows, concurrency)
    const seconds = (performance.now() - started) / 1000
    worker.postMessage('close')
    await new Promise((resolve) => worker.once('message', resolve))
    await worker.terminate()
    const failures = statuses.filter((status) => status >= 400).length
    console.log(
      `${label.padEnd(42)} ${(flows / seconds).toFixed(1).padStart(7)} flows/s  (${flows} flows in ${seconds.toFixed(2)} s, ${failures} non-2xx)`,
    )
  }

  async function keygenRate(count, parallel) {
    const started = performance.now()
    let next = 0
    const generate = () =>
      new Promise((resolve, reject) =>
        generateKeyPair('rsa', { modulusLength: 2048 }, (error) =>
          error ? reject(error) : resolve(),
        ),
      )
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < count) {
          next += 1
          await generate()
        }
      }),
    )
    const seconds = (performance.now() - started) / 1000
    console.log(
      `${`raw RSA-2048 keygen, ${parallel} in parallel`.padEnd(42)} ${(count / seconds).toFixed(1).padStart(7)} keys/s`,
    )
  }

  console.log(`concurrency ${concurrency}, node ${process.version}\n`)
  await keygenRate(16, 1)
  await keygenRate(16, 2)
  await measure(
    'key reuse on (2 keys), pool warm',
    { keyPool: { reuseKeys: true } },
    Number(values.flows),
  )
  await measure(
    'key reuse off (one-time keys), pool of 8 warm',
    { keyPool: { size: 8 } },
    Number(values['unique-flows']),
  )
}

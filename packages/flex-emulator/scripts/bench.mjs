// Benchmark: full flows per second (session + public key + tokens) at concurrency 16 against the
// built emulator (run `build` first), with one-time key reuse off and on, next to the raw
// RSA-2048 key generation rate. The emulator runs in a child process (so its CPU time per flow
// can be measured apart from the client's), the client here.
// Usage: node scripts/bench.mjs [--flows 400] [--rounds 5] [--warmup 200] [--unique-flows 48]
//                               [--concurrency 16]

import { fork } from 'node:child_process'
import { generateKeyPair } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

if (process.argv[2] === '--serve') {
  const { startFlexEmulator } = await import('../dist/index.js')
  const emulator = await startFlexEmulator(JSON.parse(process.argv[3]))
  await emulator.waitForKeyPool()
  process.send({ url: emulator.url, merchant: emulator.merchant })
  process.on('message', async (message) => {
    if (message === 'cpu') {
      process.send(process.cpuUsage())
      return
    }
    await emulator.close()
    process.send('closed')
    process.disconnect()
  })
} else {
  const { runFlows } = await import('./flow-client.mjs')
  const { values } = parseArgs({
    options: {
      flows: { type: 'string', default: '400' },
      rounds: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '200' },
      'unique-flows': { type: 'string', default: '48' },
      concurrency: { type: 'string', default: '16' },
    },
  })
  const concurrency = Number(values.concurrency)
  // Each measurement starts a fresh emulator, runs `warmup` untimed flows (JIT, TLS-free
  // keep-alive sockets, the key pool), then `rounds` timed rounds of `flows` flows each; the
  // median round is the headline, min and max beside it.
  async function measure(label, options, { flows, rounds, warmup }) {
    const server = fork(fileURLToPath(import.meta.url), ['--serve', JSON.stringify(options)])
    const ask = (message) =>
      new Promise((resolve) => {
        server.once('message', resolve)
        if (message) server.send(message)
      })
    const { url, merchant } = await ask()
    await runFlows(url, merchant, warmup, concurrency)
    const results = []
    for (let round = 0; round < rounds; round += 1) {
      const cpuBefore = await ask('cpu')
      const clientCpu = process.cpuUsage()
      const started = performance.now()
      const statuses = await runFlows(url, merchant, flows, concurrency)
      const seconds = (performance.now() - started) / 1000
      const clientUsage = process.cpuUsage(clientCpu)
      const cpuAfter = await ask('cpu')
      results.push({
        rate: flows / seconds,
        failures: statuses.filter((status) => status >= 400).length,
        emulatorMs:
          (cpuAfter.user - cpuBefore.user + cpuAfter.system - cpuBefore.system) / 1000 / flows,
        clientMs: (clientUsage.user + clientUsage.system) / 1000 / flows,
      })
    }
    await ask('close')
    const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]
    const rates = results.map((result) => result.rate)
    const failures = results.reduce((sum, result) => sum + result.failures, 0)
    console.log(
      `${label.padEnd(44)} ${median(rates).toFixed(1).padStart(7)} flows/s median  (min ${Math.min(...rates).toFixed(1)}, max ${Math.max(...rates).toFixed(1)}; ${rounds} × ${flows} flows after ${warmup} warm-up, ${failures} non-2xx; emulator CPU ${median(results.map((result) => result.emulatorMs)).toFixed(2)} ms/flow, client ${median(results.map((result) => result.clientMs)).toFixed(2)} ms/flow)`,
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

  const { loadavg } = await import('node:os')
  console.log(
    `concurrency ${concurrency}, node ${process.version}, load average ${loadavg()[0].toFixed(1)}\n`,
  )
  await keygenRate(16, 1)
  await keygenRate(16, 2)
  await measure(
    'key reuse on (2 keys), pool warm',
    { keyPool: { reuseKeys: true } },
    { flows: Number(values.flows), rounds: Number(values.rounds), warmup: Number(values.warmup) },
  )
  // Unique keys: the pool of 8 is warm when the round starts; after it is spent, flows wait for
  // key generation, which is what this row shows.
  await measure(
    'key reuse off (one-time keys), pool of 8 warm',
    { keyPool: { size: 8 } },
    { flows: Number(values['unique-flows']), rounds: 1, warmup: 0 },
  )
}

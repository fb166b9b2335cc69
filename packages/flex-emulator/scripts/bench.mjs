// Benchmark: full flows per second (session + public key + tokens) at concurrency 16 against the
// built emulator (run `build` first), with one-time key reuse off and on, next to the raw
// RSA-2048 key generation rate, and payment flows (the same + authorize + capture) with key reuse. The emulator runs in a child process (so its CPU time per flow
// can be measured apart from the client's), the client here.
// Usage: node scripts/bench.mjs [--flows 400] [--rounds 5] [--warmup 200] [--unique-flows 48]
//                               [--keys 16] [--concurrency 16] [--json] [--reuse-only]
// `--json` prints one JSON object instead of the table (suites/bench reads it); `--reuse-only`
// skips the key generation and unique-key rows.

import { fork } from 'node:child_process'
import { generateKeyPair } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

if (process.argv[2] === '--serve') {
  const { startFlexEmulator } = await import('../dist/index.js')
  const emulator = await startFlexEmulator(JSON.parse(process.argv[3]))
  await emulator.waitForKeyPool()
  process.send({ url: emulator.url, merchant: emulator.merchant })
  // A parent that dies (or is interrupted) must not leave an emulator listening.
  process.once('disconnect', () => {
    emulator.close().finally(() => process.exit())
  })
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
      keys: { type: 'string', default: '16' },
      concurrency: { type: 'string', default: '16' },
      json: { type: 'boolean', default: false },
      'reuse-only': { type: 'boolean', default: false },
    },
  })
  const concurrency = Number(values.concurrency)
  const median = (numbers) => numbers.toSorted((a, b) => a - b)[Math.floor(numbers.length / 2)]

  // Each measurement starts a fresh emulator, runs `warmup` untimed flows (JIT, keep-alive
  // sockets), then `rounds` timed rounds of `flows` flows each; the median round is the headline,
  // min and max beside it.
  async function measure(options, { flows, rounds, warmup, payments = false }) {
    const server = fork(fileURLToPath(import.meta.url), ['--serve', JSON.stringify(options)])
    const ask = (message) =>
      new Promise((resolve) => {
        server.once('message', resolve)
        if (message) server.send(message)
      })
    const { url, merchant } = await ask()
    await runFlows(url, merchant, warmup, concurrency, payments)
    const results = []
    for (let round = 0; round < rounds; round += 1) {
      const cpuBefore = await ask('cpu')
      const clientCpu = process.cpuUsage()
      const started = performance.now()
      const statuses = await runFlows(url, merchant, flows, concurrency, payments)
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
    const rates = results.map((result) => result.rate)
    return {
      flows,
      rounds,
      warmup,
      median: median(rates),
      min: Math.min(...rates),
      max: Math.max(...rates),
      failures: results.reduce((sum, result) => sum + result.failures, 0),
      emulatorCpuMsPerFlow: median(results.map((result) => result.emulatorMs)),
      clientCpuMsPerFlow: median(results.map((result) => result.clientMs)),
    }
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
    return count / ((performance.now() - started) / 1000)
  }

  const { loadavg } = await import('node:os')
  const keys = Number(values.keys)
  const reuseOnly = values['reuse-only']
  const report = {
    concurrency,
    node: process.version,
    loadAverage: loadavg()[0],
    keygenPerSecond: reuseOnly
      ? undefined
      : { sequential: await keygenRate(keys, 1), twoInParallel: await keygenRate(keys, 2) },
    reuse: await measure(
      { keyPool: { reuseKeys: true } },
      { flows: Number(values.flows), rounds: Number(values.rounds), warmup: Number(values.warmup) },
    ),
    payments: await measure(
      { keyPool: { reuseKeys: true } },
      {
        flows: Number(values.flows),
        rounds: Number(values.rounds),
        warmup: Number(values.warmup),
        payments: true,
      },
    ),
    // Unique keys: the pool of 8 is warm when the round starts; after it is spent, flows wait for
    // key generation, which is what this row shows.
    unique: reuseOnly
      ? undefined
      : await measure(
          { keyPool: { size: 8 } },
          { flows: Number(values['unique-flows']), rounds: 1, warmup: 0 },
        ),
  }
  if (values.json) {
    console.log(JSON.stringify(report))
  } else {
    const row = (label, result) =>
      `${label.padEnd(44)} ${result.median.toFixed(1).padStart(7)} flows/s median  (min ${result.min.toFixed(1)}, max ${result.max.toFixed(1)}; ${result.rounds} × ${result.flows} flows after ${result.warmup} warm-up, ${result.failures} non-2xx; emulator CPU ${result.emulatorCpuMsPerFlow.toFixed(2)} ms/flow, client ${result.clientCpuMsPerFlow.toFixed(2)} ms/flow)`
    console.log(
      [
        `concurrency ${concurrency}, node ${report.node}, load average ${report.loadAverage.toFixed(1)}`,
        '',
        ...(report.keygenPerSecond
          ? [
              `${'raw RSA-2048 keygen, 1 at a time'.padEnd(44)} ${report.keygenPerSecond.sequential.toFixed(1).padStart(7)} keys/s`,
              `${'raw RSA-2048 keygen, 2 in parallel'.padEnd(44)} ${report.keygenPerSecond.twoInParallel.toFixed(1).padStart(7)} keys/s`,
            ]
          : []),
        row('key reuse on (2 keys), pool warm', report.reuse),
        row('payment flows (+ authorize + capture), reuse', report.payments),
        ...(report.unique
          ? [row('key reuse off (one-time keys), pool of 8 warm', report.unique)]
          : []),
      ].join('\n'),
    )
  }
  if (report.reuse.failures + report.payments.failures + (report.unique?.failures ?? 0) > 0) {
    process.exitCode = 1
  }
}

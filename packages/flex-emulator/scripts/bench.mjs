// Benchmark: full flows per second (session + public key + tokens) at concurrency 16 against the
// built emulator (run `build` first), with one-time key reuse off and on, next to the raw
// RSA-2048 key generation rate. The emulator runs in a child process (so its CPU time per flow
// can be measured apart from the client's), the client here.
// Usage: node scripts/bench.mjs [--flows 400] [--unique-flows 48] [--concurrency 16]

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
    const server = fork(fileURLToPath(import.meta.url), ['--serve', JSON.stringify(options)])
    const ask = (message) =>
      new Promise((resolve) => {
        server.once('message', resolve)
        if (message) server.send(message)
      })
    const { url, merchant } = await ask()
    for (let index = 0; index < concurrency; index += 1) await runFlow(url, merchant)
    const cpuBefore = await ask('cpu')
    const clientCpu = process.cpuUsage()
    const started = performance.now()
    const statuses = await runFlows(url, merchant, flows, concurrency)
    const seconds = (performance.now() - started) / 1000
    const clientUsage = process.cpuUsage(clientCpu)
    const cpuAfter = await ask('cpu')
    await ask('close')
    const cpuMilliseconds =
      (cpuAfter.user - cpuBefore.user + cpuAfter.system - cpuBefore.system) / 1000 / flows
    const failures = statuses.filter((status) => status >= 400).length
    console.log(
      `${label.padEnd(44)} ${(flows / seconds).toFixed(1).padStart(7)} flows/s  (${flows} flows in ${seconds.toFixed(2)} s, ${failures} non-2xx; emulator CPU ${cpuMilliseconds.toFixed(2)} ms/flow, client ${((clientUsage.user + clientUsage.system) / 1000 / flows).toFixed(2)} ms/flow)`,
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
    Number(values.flows),
  )
  await measure(
    'key reuse off (one-time keys), pool of 8 warm',
    { keyPool: { size: 8 } },
    Number(values['unique-flows']),
  )
}

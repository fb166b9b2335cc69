// Bounded load test on loopback: 200 sessions and 200 tokenizations (plus 200 public-key reads)
// at concurrency 16 against the built emulator in this process; fails on any 5xx or when the
// heap does not come back near its start. Usage: node --expose-gc scripts/load.mjs [--flows 200] [--unique-keys]
import { parseArgs } from 'node:util'
import { startFlexEmulator } from '../dist/index.js'
import { runFlows } from './flow-client.mjs'

const { values } = parseArgs({
  options: {
    flows: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '16' },
    // Reuse is the default: a boolean defaulting to true could not be turned off.
    'unique-keys': { type: 'boolean', default: false },
  },
})
const collect = () => globalThis.gc?.()
const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

const emulator = await startFlexEmulator({ keyPool: { reuseKeys: !values['unique-keys'] } })
await emulator.waitForKeyPool()
await runFlows(emulator.url, emulator.merchant, 16, 16)
collect()
const before = process.memoryUsage().heapUsed
const started = performance.now()
const statuses = await runFlows(
  emulator.url,
  emulator.merchant,
  Number(values.flows),
  Number(values.concurrency),
)
const seconds = (performance.now() - started) / 1000
collect()
const after = process.memoryUsage().heapUsed
await emulator.close()

const serverErrors = statuses.filter((status) => status >= 500).length
const refusals = statuses.filter((status) => status >= 400 && status < 500).length
console.log(
  `${values.flows} flows (${statuses.length} requests) in ${seconds.toFixed(2)} s: ${serverErrors} 5xx, ${refusals} 4xx; heap ${megabytes(before)} → ${megabytes(after)}${globalThis.gc ? '' : ' (run with --expose-gc for a fair number)'}`,
)
if (serverErrors > 0 || refusals > 0 || after - before > 32 * 1024 * 1024) process.exit(1)

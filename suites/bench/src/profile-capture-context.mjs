// Main-thread time per call of capture-context verification, 64 in flight, for profiling:
// `node --cpu-prof src/profile-capture-context.mjs [candidate] [seconds]`. Prints the main thread's
// CPU time per call (what limits throughput while RSA runs on the thread pool).
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { verifyCaptureContext } from 'flex-jwt'
import { importJWK, jwtVerify } from 'jose'
import { prepareTokens } from './prepare-tokens.mjs'

const [which = 'all', seconds = '3'] = process.argv.slice(2)
const tokens = await prepareTokens({ distinctContexts: 300 })
const { keys, captureContextJwt: jwt, freshCaptureContextJwts, longTermJwk } = tokens
const joseKey = await importJWK({ kty: 'RSA', n: longTermJwk.n, e: longTermJwk.e }, 'RS256')
let next = 0
const candidates = {
  same: () => verifyCaptureContext(jwt, { keys }),
  fresh: () => {
    next = (next + 1) % freshCaptureContextJwts.length
    return verifyCaptureContext(freshCaptureContextJwts[next], { keys })
  },
  jose: () => jwtVerify(jwt, joseKey, { algorithms: ['RS256'] }),
}
// CPU time of the main thread alone (Linux): the first field of its schedstat, in ns.
const mainThreadNs = () =>
  Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0])

async function run(operation, duration) {
  let count = 0
  const deadline = performance.now() + duration
  const cpuBefore = mainThreadNs()
  const started = performance.now()
  const loop = async () => {
    while (performance.now() < deadline) {
      await operation()
      count += 1
    }
  }
  await Promise.all(Array.from({ length: 64 }, loop))
  const cpu = mainThreadNs() - cpuBefore
  const elapsed = performance.now() - started
  return { rate: count / (elapsed / 1000), activeMicros: cpu / 1000 / count }
}
try {
  const names = which === 'all' ? Object.keys(candidates) : [which]
  for (const name of names) await run(candidates[name], 300)
  for (let round = 0; round < 3; round += 1) {
    for (const name of names) {
      const { rate, activeMicros } = await run(candidates[name], Number(seconds) * 1000)
      console.log(`${name}: ${rate.toFixed(0)}/s, main thread ${activeMicros.toFixed(1)} µs/call`)
    }
  }
} finally {
  await tokens.emulator.close()
}

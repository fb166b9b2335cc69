// One command, one process: measures the SDK packages side by side with raw jose, node:crypto
// and the peers, and writes suites/bench/RESULTS.md. `--smoke` runs every section with tiny
// counts, fails loudly when one breaks, and writes nothing.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, loadavg, platform, release, totalmem } from 'node:os'
import { parseArgs } from 'node:util'
import { benchEncryption } from './encrypt-section.mjs'
import { benchEmulatorFlows } from './flows-section.mjs'
import { benchFootprint } from './footprint-section.mjs'
import { prepareTokens } from './prepare-tokens.mjs'
import { meetsGoal, renderHeadline, renderSection } from './render-results.mjs'
import { benchSigning } from './signing-section.mjs'
import { benchFleetStore } from './store-section.mjs'
import {
  benchCaptureContextVerification,
  benchTransientTokenVerification,
} from './verify-sections.mjs'

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    section: { type: 'string', multiple: true },
  },
})
const smoke = values.smoke
const settings = smoke
  ? {
      smoke,
      rounds: 1,
      duration: 25,
      warmup: 2,
      flowRounds: 1,
      reuseFlows: 16,
      reusePoolSize: 1,
      uniqueFlows: 2,
      uniquePoolSize: 1,
      distinctContexts: 4,
      keyCount: 1,
      importRuns: 1,
    }
  : {
      smoke,
      rounds: 5,
      duration: 400,
      warmup: 50,
      flowRounds: 3,
      reuseFlows: 200,
      reusePoolSize: 2,
      uniqueFlows: 16,
      uniquePoolSize: 8,
      distinctContexts: 300,
      keyCount: 4,
      importRuns: 5,
    }

const SECTIONS = {
  'capture-context': benchCaptureContextVerification,
  'transient-token': benchTransientTokenVerification,
  encryption: benchEncryption,
  signing: benchSigning,
  flows: benchEmulatorFlows,
  footprint: benchFootprint,
  'fleet-store': benchFleetStore,
}

// `--section encryption` runs some sections (for profiling); such a partial run never writes
// RESULTS.md.
const only = values.section
const unknown = only?.filter((name) => !Object.hasOwn(SECTIONS, name)) ?? []
if (unknown.length > 0) {
  console.error(
    `unknown --section ${unknown.join(', ')}: choose from ${Object.keys(SECTIONS).join(', ')}`,
  )
  process.exit(2)
}
const selected = Object.entries(SECTIONS)
  .filter(([name]) => only === undefined || only.includes(name))
  .map(([, bench]) => bench)
const loadAtStart = loadavg()[0]
const began = performance.now()
const tokens = await prepareTokens(settings)
const sections = []
const failures = []
try {
  for (const bench of selected) {
    const started = performance.now()
    try {
      const section = await bench(tokens, settings)
      for (const item of section.headline) {
        if (!Number.isFinite(item.value) || item.value <= 0) {
          throw new Error(`${item.label}: no usable measurement`)
        }
      }
      sections.push(section)
      console.log(
        `\n${renderSection(section)}(${((performance.now() - started) / 1000).toFixed(1)} s)`,
      )
    } catch (error) {
      // The name and message of our own checks, never a value: nothing here holds token data.
      failures.push(
        `${bench.name}: ${error instanceof Error ? `${error.name}: ${error.message}` : 'failed'}`,
      )
      console.error(`\nSECTION FAILED ${failures.at(-1)}`)
    }
  }
} finally {
  await tokens.emulator.close()
}

const seconds = (performance.now() - began) / 1000
console.log(
  `\n## Headline\n\n${renderHeadline(sections)}\n\n${selected.length - failures.length} of ${selected.length} sections ran in ${seconds.toFixed(0)} s`,
)

if (failures.length > 0) {
  console.error(`\n${failures.length} section(s) failed:\n${failures.join('\n')}`)
  process.exitCode = 1
} else if (smoke || only !== undefined) {
  console.log(`${smoke ? 'smoke' : 'partial'} run: RESULTS.md left as it was`)
} else {
  const cpu = cpus()
  const findingsFile = new URL('../findings.md', import.meta.url)
  const findings = existsSync(findingsFile) ? readFileSync(findingsFile, 'utf8') : ''
  const missed = sections
    .flatMap((section) => section.headline)
    .filter((item) => meetsGoal(item) === false)
  const document = `# Benchmark results

Written by \`pnpm bench\` (suites/bench/src/run-bench.mjs); do not edit by hand.

- Date: ${new Date().toISOString()}
- Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${platform()} ${release()}; shared with other work, so expect noise
- Node ${process.version}
- Rates: ${settings.rounds} rounds of ${settings.duration} ms per candidate and mode, candidates alternating within each round; min / median / max over the rounds. A ratio is the median of the per-round ratios (neighbouring measurements).
- Whole run: ${seconds.toFixed(0)} s; 1-minute load average ${loadAtStart.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end, on ${cpu.length} cores (the benchmark adds to it)

## Headline

${renderHeadline(sections)}

${missed.length === 0 ? 'Every goal was met in this run.' : `Goals missed in this run: ${missed.map((item) => item.label).join('; ')}. See "What bounds the results" below.`}

${sections.map(renderSection).join('\n')}
${findings}`
  const resultsFile = new URL('../RESULTS.md', import.meta.url)
  writeFileSync(resultsFile, document)
  // The repository's Biome checks Markdown too: let it lay out the tables.
  const biome = createRequire(new URL('../../../package.json', import.meta.url)).resolve(
    '@biomejs/biome/bin/biome',
  )
  execFileSync(process.execPath, [biome, 'format', '--write', resultsFile.pathname], {
    stdio: 'ignore',
  })
  console.log('wrote suites/bench/RESULTS.md')
}

// Runs every gate in order and ends with `N passed, M failed`, summed over all suites.
// A failed gate counts as one failure and makes the exit code non-zero; later gates still run
// so that one run shows everything that is wrong.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { findSensitiveData } from 'test-utils/find-sensitive-data'

const root = new URL('..', import.meta.url).pathname
const resultsDirectory = join(root, '.ci-artifacts', 'results')
const workspaceFolders = ['packages', 'apps', 'suites', 'examples', 'tooling']

// Inside `pnpm run ci`, npm_execpath is the pnpm that runs us; elsewhere fall back to npx.
const pnpm = process.env.npm_execpath?.includes('pnpm')
  ? `"${process.execPath}" "${process.env.npm_execpath}"`
  : 'npx --yes pnpm@10.34.9'

const gates = [
  { name: 'check', command: 'biome check .' },
  { name: 'changesets', command: 'changeset status' },
  { name: 'boundaries', command: 'turbo boundaries' },
  { name: 'build', command: 'turbo run build --continue' },
  { name: 'typecheck', command: 'turbo run typecheck --continue' },
  // The first ```ts block of each README, typechecked with --strict against the built packages.
  { name: 'readme-examples', command: 'node scripts/check-readme-examples.mjs' },
  // API reference from the JSDoc (docs/api, git-ignored); an undocumented public symbol fails it.
  { name: 'docs:api', command: 'typedoc' },
  { name: 'test', command: 'turbo run test --continue', scanOutput: true },
  { name: 'lint:package', command: 'turbo run lint:package --continue' },
  { name: 'knip', command: 'knip' },
  // Run with this Node, not through a package script: runtime-tests' node_modules/.bin holds the
  // pinned Node 24 under the name `node`, which would shadow the machine's Node 20.
  {
    name: 'runtimes',
    command: `"${process.execPath}" suites/runtime-tests/run-runtime-tests.mjs`,
    scanOutput: true,
  },
  { name: 'demo-smoke', command: 'node apps/demo-server/scripts/smoke-demo.mjs', scanOutput: true },
  { name: 'bench-smoke', command: `${pnpm} --filter bench bench --smoke`, scanOutput: true },
]

function run(command) {
  return new Promise((resolve) => {
    const child = spawn(command, {
      cwd: root,
      shell: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
    })
    let output = ''
    const tee = (stream) => (chunk) => {
      output += chunk
      stream.write(chunk)
    }
    child.stdout.on('data', tee(process.stdout))
    child.stderr.on('data', tee(process.stderr))
    child.on('close', (code) => resolve({ code: code ?? 1, output }))
  })
}

function workspaceResultFiles() {
  return workspaceFolders.flatMap((folder) => {
    const directory = join(root, folder)
    if (!existsSync(directory)) return []
    return readdirSync(directory)
      .map((name) => join(directory, name, '.vitest-results.json'))
      .filter((file) => existsSync(file))
  })
}

function countResults() {
  let passed = 0
  let failed = 0
  const suites = []
  for (const file of workspaceResultFiles()) {
    const report = JSON.parse(readFileSync(file, 'utf8'))
    passed += report.numPassedTests
    failed += report.numFailedTests
    suites.push([file.slice(root.length), report.numPassedTests, report.numFailedTests])
  }
  // Suites that are not Vitest (runtimes, browser, smoke tests) write { name, passed, failed }.
  if (existsSync(resultsDirectory)) {
    for (const name of readdirSync(resultsDirectory).filter((file) => file.endsWith('.json'))) {
      const report = JSON.parse(readFileSync(join(resultsDirectory, name), 'utf8'))
      passed += report.passed
      failed += report.failed
      suites.push([report.name ?? name, report.passed, report.failed])
    }
  }
  return { passed, failed, suites }
}

for (const file of workspaceResultFiles()) rmSync(file)
rmSync(resultsDirectory, { recursive: true, force: true })
mkdirSync(resultsDirectory, { recursive: true })

const summary = []
for (const gate of gates) {
  const started = performance.now()
  console.log(`\n=== ${gate.name}: ${gate.command}`)
  const { code, output } = await run(gate.command)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  const problems = []
  if (code !== 0) problems.push(`exit code ${code}`)
  if (gate.scanOutput) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colour codes
    const found = findSensitiveData(output.replace(/\u001b\[[0-9;]*m/g, ''))
    if (found.length > 0) problems.push(`card-like data in the output: ${found.join('; ')}`)
  }
  summary.push({ gate: gate.name, seconds, problems })
}

// A workspace with a test script but no report did not run its tests: that is a failure too.
const silentSuites = workspaceFolders.flatMap((folder) => {
  const directory = join(root, folder)
  if (!existsSync(directory)) return []
  return readdirSync(directory).filter((name) => {
    const manifest = join(directory, name, 'package.json')
    if (!existsSync(manifest)) return false
    const hasTests = Boolean(JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test)
    return hasTests && !existsSync(join(directory, name, '.vitest-results.json'))
  })
})
if (silentSuites.length > 0) {
  summary.push({
    gate: 'reports',
    seconds: '0.0',
    problems: [`no test report from ${silentSuites.join(', ')}`],
  })
}

const { passed, failed, suites } = countResults()
console.log('\n=== summary')
for (const [suite, suitePassed, suiteFailed] of suites) {
  console.log(`suite ${suite}: ${suitePassed} passed, ${suiteFailed} failed`)
}
let failedGates = 0
for (const { gate, seconds, problems } of summary) {
  console.log(
    `gate ${gate}: ${problems.length === 0 ? 'ok' : `FAILED (${problems.join('; ')})`} in ${seconds}s`,
  )
  if (problems.length > 0) failedGates += 1
}
console.log(`${passed} passed, ${failed + failedGates} failed`)
process.exitCode = failed + failedGates > 0 || passed === 0 ? 1 : 0

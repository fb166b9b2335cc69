import { execFileSync } from 'node:child_process'
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { installPackedPackages, installWithNpm } from 'test-utils/install-packed-packages'
import { summarize } from './measure.mjs'

const root = new URL('../../../', import.meta.url).pathname
const SDK_PACKAGES = ['flex-types', 'flex-jwt', 'flex-jwe', 'flex-client']
// What a server that only pays needs: the client and the payments package on top of it.
const PAYMENTS_PACKAGES = ['flex-types', 'flex-client', 'flex-payments']
const OFFICIAL = 'cybersource-rest-client'

// Every folder with a package.json directly under a node_modules (scoped ones one level down),
// nested node_modules included.
function listPackages(nodeModules) {
  const found = []
  if (!existsSync(nodeModules)) return found
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue
    const folders = entry.startsWith('@')
      ? readdirSync(join(nodeModules, entry)).map((name) => join(entry, name))
      : [entry]
    for (const name of folders) {
      const folder = join(nodeModules, name)
      if (!existsSync(join(folder, 'package.json'))) continue
      found.push(name)
      found.push(...listPackages(join(folder, 'node_modules')))
    }
  }
  return found
}

function countBytes(path) {
  const stat = lstatSync(path)
  if (!stat.isDirectory()) return stat.size
  let total = 0
  for (const entry of readdirSync(path)) total += countBytes(join(path, entry))
  return total
}

function measureInstall(folder) {
  const nodeModules = join(folder, 'node_modules')
  const packages = listPackages(nodeModules)
  return { packages: packages.toSorted(), bytes: countBytes(nodeModules) }
}

// Node loads its fetch implementation (undici) lazily, on the first touch of \`fetch\`, \`Request\`
// or \`Response\`; any fetch-based client pays that once per process, at import or at its first
// request. \`fetch-first\` touches it before the clock starts, and the specifier \`(fetch)\` times
// only that touch, so the report can show which part of a cold import is Node's own.
const IMPORT_SCRIPT = `const [specifier, mode] = process.argv.slice(1)
if (mode === 'fetch-first') globalThis.Request
const started = performance.now()
if (specifier === '(fetch)') globalThis.Request
else await import(specifier)
process.stdout.write(String(performance.now() - started))`

const NODE_FETCH = "Node's own fetch (undici): first touch of globalThis.Request"
const CLIENT_AFTER_FETCH = "flex-client, with Node's fetch already loaded"

function coldImport(specifier, cwd, mode = 'plain') {
  const output = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', IMPORT_SCRIPT, specifier, mode],
    {
      cwd,
      encoding: 'utf8',
    },
  )
  const milliseconds = Number(output)
  if (!Number.isFinite(milliseconds)) throw new Error(`cold import of ${specifier} printed no time`)
  return milliseconds
}

/** Section 6: installed size from packed tarballs, and cold import time in fresh processes. */
export async function benchFootprint(_tokens, settings) {
  const { smoke, importRuns } = settings
  const work = mkdtempSync(join(tmpdir(), 'flex-bench-'))
  try {
    const ours = installPackedPackages({
      root,
      work,
      packageNames: SDK_PACKAGES,
      folderName: 'ours',
    })
    const oursInstall = measureInstall(ours)
    const payments = installPackedPackages({
      root,
      work: join(work, 'payments-work'),
      packageNames: PAYMENTS_PACKAGES,
      folderName: 'payments',
    })
    const paymentsFolder = join(payments, 'node_modules', 'flex-payments')
    const tarballs = join(work, 'payments-work', 'tarballs')
    const paymentsTarball = readdirSync(tarballs).find((name) => name.startsWith('flex-payments-'))
    if (paymentsTarball === undefined) throw new Error('no flex-payments tarball was packed')
    const paymentsInstall = {
      ...measureInstall(payments),
      paymentsBytes: countBytes(paymentsFolder),
      paymentsCodeBytes: countBytes(join(paymentsFolder, 'dist', 'index.js')),
      paymentsTarballBytes: countBytes(join(tarballs, paymentsTarball)),
    }
    const officialVersion = JSON.parse(
      readFileSync(join(root, 'suites/bench/node_modules', OFFICIAL, 'package.json'), 'utf8'),
    ).version
    // The official SDK pulls ~90 packages (~20 s even from npm's cache): the smoke run imports the
    // workspace's copy instead and leaves its install out.
    const official = join(work, 'official')
    let officialInstall
    if (!smoke) {
      installWithNpm(official, { [OFFICIAL]: officialVersion })
      officialInstall = measureInstall(official)
    }
    const importers = [
      ...SDK_PACKAGES.map((name) => [name, ours]),
      ['flex-payments', payments],
      [`${OFFICIAL} ${officialVersion}`, smoke ? join(root, 'suites/bench') : official, OFFICIAL],
      [NODE_FETCH, ours, '(fetch)'],
      [CLIENT_AFTER_FETCH, ours, 'flex-client', 'fetch-first'],
    ]
    const samples = Object.fromEntries(importers.map(([label]) => [label, []]))
    for (let run = 0; run < importRuns; run += 1) {
      const order = run % 2 === 0 ? importers : importers.toReversed()
      for (const [label, cwd, specifier = label, mode] of order)
        samples[label].push(coldImport(specifier, cwd, mode))
    }
    const imports = Object.fromEntries(
      Object.entries(samples).map(([label, values]) => [label, summarize(values)]),
    )
    const worstSdkImport = Math.max(
      ...[...SDK_PACKAGES, 'flex-payments'].map((name) => imports[name].median),
    )
    return {
      title: '6. Install footprint and cold import',
      footprint: {
        ours: oursInstall,
        payments: paymentsInstall,
        official: officialInstall && { ...officialInstall, version: officialVersion },
      },
      imports,
      importRuns,
      headline: [
        {
          label: 'flex-jwt + flex-jwe + flex-client: installed packages',
          value: oursInstall.packages.length,
          goal: 5,
          atMost: true,
          absolute: true,
          format: (value) => String(value),
        },
        {
          label: 'flex-jwt + flex-jwe + flex-client: installed bytes',
          value: oursInstall.bytes,
          goal: 1_000_000,
          atMost: true,
          absolute: true,
          format: (value) => `${(value / 1e6).toFixed(2)} MB`,
        },
        {
          label: 'flex-payments: packed tarball (what adding it downloads)',
          value: paymentsInstall.paymentsTarballBytes,
          goal: 20_000,
          atMost: true,
          absolute: true,
          format: (value) => `${(value / 1e3).toFixed(1)} kB`,
        },
        {
          label: 'slowest SDK package cold import (median)',
          value: worstSdkImport,
          goal: 50,
          atMost: true,
          absolute: true,
          format: (value) => `${value.toFixed(1)} ms`,
        },
      ],
      notes: [
        `\`pnpm pack\` of ${SDK_PACKAGES.join(', ')} (flex-types is the shared dependency of the other three and is published too), then \`npm install\` of the tarballs into an empty folder (and of flex-types, flex-client and flex-payments into another: flex-payments' own rows are its tarball, what adding it to a flex-client install downloads, and its folder under node_modules, what it adds on disk: readable code, declarations with their documentation, README, no source maps); the official SDK with \`npm install ${OFFICIAL}@${officialVersion}\` into another. Packages = every folder with a package.json under node_modules (nested ones included); bytes = the sum of file sizes under node_modules.`,
        `Cold import = the time of \`await import(name)\` inside a fresh \`node\` process (startup not included), ${importRuns} process(es) per package, alternating order.`,
        `Node loads its fetch implementation (undici) on the first touch of \`fetch\`/\`Request\`: ${imports[NODE_FETCH].median.toFixed(1)} ms here (median). ky touches it at import (a feature check builds a \`Request\`), so flex-client's cold import includes it; with it already loaded flex-client imports in ${imports[CLIENT_AFTER_FETCH].median.toFixed(1)} ms. Any fetch-based client pays that cost once per process, at import or at its first request.`,
      ],
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

// Plain JavaScript so that the runtime suite and the benchmark (both .mjs scripts on Node 20)
// install the SDK exactly as users get it, through one piece of code.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Runs the pnpm that runs us (inside `pnpm run …`), or the pinned one through npx. */
export function runPnpm(args, cwd) {
  const execPath = process.env.npm_execpath ?? ''
  if (execPath.includes('pnpm')) {
    return execFileSync(process.execPath, [execPath, ...args], { cwd, encoding: 'utf8' })
  }
  return execFileSync('npx', ['--yes', 'pnpm@10.34.9', ...args], { cwd, encoding: 'utf8' })
}

/** `npm install` of `dependencies` into a new `folder`, without scripts, audit or lock file. */
export function installWithNpm(folder, dependencies) {
  mkdirSync(folder, { recursive: true })
  writeFileSync(
    join(folder, 'package.json'),
    JSON.stringify({ private: true, type: 'module', dependencies }, null, 2),
  )
  execFileSync(
    'npm',
    [
      'install',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      '--prefer-offline',
      '--loglevel=error',
    ],
    { cwd: folder, stdio: ['ignore', 'ignore', 'inherit'] },
  )
}

/**
 * Packs `packageNames` (folders under `<root>/packages`) with `pnpm pack` into
 * `<work>/tarballs`, installs the tarballs with npm into `<work>/<folderName>` and returns that
 * folder.
 */
export function installPackedPackages({ root, work, packageNames, folderName = 'consumer' }) {
  const tarballs = join(work, 'tarballs')
  mkdirSync(tarballs, { recursive: true })
  for (const name of packageNames) {
    runPnpm(['pack', '--pack-destination', tarballs], join(root, 'packages', name))
  }
  const dependencies = Object.fromEntries(
    readdirSync(tarballs).map((file) => [
      file.replace(/-\d+\.\d+\.\d+.*\.tgz$/, ''),
      `file:${join(tarballs, file)}`,
    ]),
  )
  const folder = join(work, folderName)
  installWithNpm(folder, dependencies)
  return folder
}

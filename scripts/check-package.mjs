// Checks the tarball a package would publish: only dist, README, package.json and the `bin`
// launchers (committed, so the command links before the build) in it,
// `sideEffects: false`, and (for the SDK packages) no Node-only API in the built code.
// Usage, from a package folder: node ../../scripts/check-package.mjs [--node-allowed]
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const nodeAllowed = process.argv.includes('--node-allowed')
const manifest = JSON.parse(readFileSync('package.json', 'utf8'))
const [pack] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8' }),
)
const problems = []

const binFiles = new Set(
  Object.values(manifest.bin ?? {}).map((file) => String(file).replace(/^\.\//, '')),
)
for (const { path } of pack.files) {
  const expected =
    path === 'package.json' ||
    path === 'README.md' ||
    path.startsWith('dist/') ||
    binFiles.has(path)
  if (!expected) {
    problems.push(`unexpected file in the tarball: ${path}`)
  }
}
if (!pack.files.some(({ path }) => path === 'README.md')) problems.push('README.md is missing')
if (manifest.sideEffects !== false) problems.push('package.json must say "sideEffects": false')

if (!nodeAllowed) {
  const nodeOnly = [
    [/from\s*['"]node:|import\(\s*['"]node:|require\(/, 'a node:* import or require()'],
    [/\bBuffer\./, 'Buffer'],
    [/\bprocess\./, 'process'],
  ]
  for (const { path } of pack.files.filter((file) => /^dist\/.*\.js$/.test(file.path))) {
    const code = readFileSync(path, 'utf8')
    for (const [pattern, what] of nodeOnly) {
      if (pattern.test(code))
        problems.push(`${path} uses ${what}: SDK packages are web-standard only`)
    }
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`✗ ${problem}`)
  process.exit(1)
}
console.log(`${manifest.name}: tarball of ${pack.files.length} files is clean (${pack.size} bytes)`)

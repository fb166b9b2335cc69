// Typechecks the first ```ts block of each package README (and of the root README) with
// `tsc --strict` against the built packages, as a user's own project would see them. Each README
// counts as one test in the `N passed, M failed` total. Run after `turbo run build`.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const work = join(root, '.ci-artifacts', 'readme-examples')
const resultsDirectory = join(root, '.ci-artifacts', 'results')
const packages = readdirSync(join(root, 'packages')).filter((name) =>
  existsSync(join(root, 'packages', name, 'README.md')),
)
const readmes = [
  { name: 'README', file: join(root, 'README.md') },
  ...packages.map((name) => ({ name, file: join(root, 'packages', name, 'README.md') })),
]

function firstTypeScriptBlock(markdown) {
  const match = /^```ts\n([\s\S]*?)^```$/m.exec(markdown)
  return match?.[1]
}

// Each package name maps onto its built types, so the examples see exactly what npm users get.
const paths = Object.fromEntries(
  packages.map((name) => [name, [join(root, 'packages', name, 'dist', 'index.d.ts')]]),
)

rmSync(work, { recursive: true, force: true })
let passed = 0
let failed = 0
for (const { name, file } of readmes) {
  const code = firstTypeScriptBlock(readFileSync(file, 'utf8'))
  const folder = join(work, name)
  mkdirSync(folder, { recursive: true })
  if (code === undefined) {
    console.log(`✗ ${name}: no \`\`\`ts block`)
    failed += 1
    continue
  }
  // `export {}` keeps a block without imports a module, as a user's ESM file is.
  writeFileSync(join(folder, 'example.ts'), `${code}\nexport {}\n`)
  writeFileSync(
    join(folder, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        module: 'ESNext',
        moduleResolution: 'Bundler',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [join(root, 'node_modules', '@types')],
        baseUrl: root,
        paths: { ...paths, vitest: [join(root, 'node_modules', 'vitest')] },
      },
      files: ['example.ts'],
    }),
  )
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
  const result = spawnSync(process.execPath, [tsc, '-p', folder], { encoding: 'utf8' })
  if (result.status === 0) {
    console.log(`✓ ${name}: the first \`\`\`ts example compiles under --strict`)
    passed += 1
  } else {
    console.log(`✗ ${name}: the first \`\`\`ts example does not compile under --strict`)
    console.log(result.stdout + result.stderr)
    failed += 1
  }
}
mkdirSync(resultsDirectory, { recursive: true })
writeFileSync(
  join(resultsDirectory, 'readme-examples.json'),
  JSON.stringify({ name: 'readme-examples', passed, failed }),
)
console.log(`${passed} passed, ${failed} failed`)
process.exitCode = failed === 0 ? 0 : 1

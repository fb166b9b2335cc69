import { readFileSync } from 'node:fs'
import { runInThisContext } from 'node:vm'

/**
 * Runs one script of the emulated Microform field page (assets/microform/) in Node, with the
 * browser globals it reads given by the test (`self` included, else a new object), and returns
 * `self`, where the script puts what it shares.
 */
export function runFieldScript(
  file: 'field.js' | 'field-crypto.js' | 'parent-origin.js',
  globals: Record<string, unknown> = {},
): Record<string, unknown> {
  const url = new URL(`../../assets/microform/${file}`, import.meta.url)
  const scope: Record<string, unknown> = { self: {}, ...globals }
  const names = Object.keys(scope)
  const run = runInThisContext(
    `(function (${names.join(', ')}) {\n${readFileSync(url, 'utf8')}\n})`,
    { filename: url.pathname },
  ) as (...values: unknown[]) => void
  run(...names.map((name) => scope[name]))
  return scope.self as Record<string, unknown>
}

// Runs the bundled worker in Cloudflare's workerd through Miniflare (which needs Node ≥ 22, so the
// runner starts this file with the pinned Node 24). Prints one RESULT line.
import { dirname } from 'node:path'
import { Miniflare } from 'miniflare'

const [scriptPath] = process.argv.slice(2)
const names = ['FLEX_ORIGIN', 'FLEX_MERCHANT_ID', 'FLEX_KEY_ID', 'FLEX_SHARED_SECRET']
const miniflare = new Miniflare({
  modules: true,
  scriptPath,
  modulesRoot: dirname(scriptPath),
  compatibilityDate: '2026-07-01',
  bindings: Object.fromEntries(names.map((name) => [name, process.env[name]])),
})
try {
  const response = await miniflare.dispatchFetch('http://worker.local/')
  const { globals, results } = await response.json()
  results.unshift({
    name: 'no Node globals inside workerd',
    ok: globals.Buffer === 'undefined',
    detail: `Buffer: ${globals.Buffer}, process: ${globals.process}`,
  })
  console.log(`RESULT ${JSON.stringify(results)}`)
} finally {
  await miniflare.dispose()
}

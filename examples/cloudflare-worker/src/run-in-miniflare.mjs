// Runs the bundled worker in Cloudflare's workerd through Miniflare (which needs Node ≥ 22: the
// test starts this file with the pinned Node 24), posts each body of argv[3] (JSON list) to
// /checkout and prints one RESULT line with each status and JSON body.
import { dirname } from 'node:path'
import { Miniflare } from 'miniflare'

const [scriptPath, bodies] = process.argv.slice(2)
const names = ['FLEX_ORIGIN', 'FLEX_MERCHANT_ID', 'FLEX_KEY_ID', 'FLEX_SHARED_SECRET']
const miniflare = new Miniflare({
  modules: true,
  scriptPath,
  modulesRoot: dirname(scriptPath),
  compatibilityDate: '2026-07-01',
  bindings: Object.fromEntries(names.map((name) => [name, process.env[name]])),
})
try {
  const results = []
  for (const body of JSON.parse(bodies)) {
    const response = await miniflare.dispatchFetch('http://worker.local/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    results.push({ status: response.status, body: await response.json() })
  }
  console.log(`RESULT ${JSON.stringify(results)}`)
} finally {
  await miniflare.dispose()
}

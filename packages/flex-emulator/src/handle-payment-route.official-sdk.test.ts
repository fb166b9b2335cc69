import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expectNoSensitiveData } from 'test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FlexEmulator, startFlexEmulator } from './start-flex-emulator.js'

let emulator: FlexEmulator
let directory: string
const lines: string[] = []

beforeAll(async () => {
  emulator = await startFlexEmulator({
    tls: true,
    keyPool: { reuseKeys: true, size: 1 },
    log: (line) => lines.push(line),
  })
  directory = mkdtempSync(join(tmpdir(), 'flex-emulator-sdk-payments-'))
})
afterAll(async () => {
  await emulator.close()
  rmSync(directory, { recursive: true, force: true })
})

function runOfficialSdk(): Promise<string> {
  const caPath = join(directory, 'emulator.pem')
  writeFileSync(caPath, emulator.certificate ?? '')
  const script = fileURLToPath(new URL('./testing/official-sdk-payments.mjs', import.meta.url))
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [script],
      {
        cwd: directory,
        timeout: 90_000,
        env: {
          PATH: process.env.PATH ?? '',
          NODE_EXTRA_CA_CERTS: caPath,
          FLEX_EMULATOR_HOST: new URL(emulator.url).host,
          FLEX_MERCHANT_ID: emulator.merchant.merchantId,
          FLEX_KEY_ID: emulator.merchant.keyId,
          FLEX_SHARED_SECRET: emulator.merchant.sharedSecret,
          FLEX_CA_PATH: caPath,
        },
      },
      (error, stdout) =>
        error ? reject(new Error('the official SDK run failed')) : resolve(stdout),
    )
  })
}

describe('the official cybersource-rest-client pays at the emulator over TLS', () => {
  it('authorizes, captures, refunds, reverses, sells and voids with both authentication types; its models parse every answer', async () => {
    const output = await runOfficialSdk()
    expectNoSensitiveData(output, [emulator.merchant.sharedSecret])
    expectNoSensitiveData(lines.join('\n'))
    const results = JSON.parse(output) as Record<string, unknown>[]
    expect(results.map((result) => result.authenticationType)).toEqual(['http_signature', 'jwt'])
    for (const result of results) {
      expect(result).toMatchObject({
        authorization: { status: 201, parsed: true, answered: 'AUTHORIZED' },
        capture: { status: 201, parsed: true, answered: 'PENDING' },
        refund: { status: 201, parsed: true, answered: 'PENDING' },
        reversal: { status: 201, parsed: true, answered: 'REVERSED' },
        void: { status: 201, parsed: true, answered: 'VOIDED' },
        details: { status: 200 },
      })
      expect(result.links).toEqual(['capture', 'reversal', 'self'])
    }
  }, 120_000)
})

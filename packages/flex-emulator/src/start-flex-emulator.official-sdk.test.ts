import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
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
  directory = mkdtempSync(join(tmpdir(), 'flex-emulator-sdk-'))
})
afterAll(async () => {
  await emulator.close()
  rmSync(directory, { recursive: true, force: true })
})

function runOfficialSdk(): Promise<string> {
  const caPath = join(directory, 'emulator.pem')
  writeFileSync(caPath, emulator.certificate ?? '')
  const script = fileURLToPath(new URL('./testing/official-sdk-flow.mjs', import.meta.url))
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [script],
      {
        cwd: directory,
        timeout: 60_000,
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

describe('the official cybersource-rest-client 0.0.83 against the emulator over TLS', () => {
  it('creates capture contexts with http_signature and jwt, and its parser accepts them', async () => {
    const sdk = createRequire(import.meta.url)('cybersource-rest-client/package.json')
    expect(sdk.version).toBe('0.0.83')
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(emulator.certificate).toMatch(/^-----BEGIN CERTIFICATE-----/)
    const output = await runOfficialSdk()
    expectNoSensitiveData(output, [emulator.merchant.sharedSecret])
    const results = JSON.parse(output) as Record<string, unknown>[]
    expect(results).toHaveLength(2)
    for (const result of results) {
      expect(result).toMatchObject({
        status: 201,
        type: 'api-0.1.0',
        origin: emulator.url,
      })
      expect(result.error).toBeUndefined()
      expect(result.parseError).toBeUndefined()
      expect(result.jti).toMatch(/^[A-Za-z0-9]{16}$/)
    }
    expect(results.map((result) => result.authenticationType)).toEqual(['http_signature', 'jwt'])
    expect(lines.filter((line) => line.startsWith('POST /flex/v2/sessions 201'))).toHaveLength(2)
    expect(lines.some((line) => line.startsWith('GET /flex/v2/public-keys/'))).toBe(true)
  }, 60_000)
})

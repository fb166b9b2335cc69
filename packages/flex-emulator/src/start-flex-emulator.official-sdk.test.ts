import { createRequire } from 'node:module'
import { expectNoSensitiveData } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { useOfficialSdkRun } from './testing/run-official-sdk.js'

const sdkRun = useOfficialSdkRun(new URL('./testing/official-sdk-flow.mjs', import.meta.url), {
  directoryPrefix: 'flex-emulator-sdk-',
  timeout: 60_000,
})
const { lines, runOfficialSdk } = sdkRun

describe('the official cybersource-rest-client 0.0.83 against the emulator over TLS', () => {
  it('creates capture contexts with http_signature and jwt, and its parser accepts them', async () => {
    const sdk = createRequire(import.meta.url)('cybersource-rest-client/package.json')
    expect(sdk.version).toBe('0.0.83')
    expect(sdkRun.emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(sdkRun.emulator.certificate).toMatch(/^-----BEGIN CERTIFICATE-----/)
    const output = await runOfficialSdk()
    expectNoSensitiveData(output, [sdkRun.emulator.merchant.sharedSecret])
    const results = JSON.parse(output) as Record<string, unknown>[]
    expect(results).toHaveLength(2)
    for (const result of results) {
      expect(result).toMatchObject({
        status: 201,
        type: 'api-0.1.0',
        origin: sdkRun.emulator.url,
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

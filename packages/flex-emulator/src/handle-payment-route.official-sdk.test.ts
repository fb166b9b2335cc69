import { expectNoSensitiveData } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { useOfficialSdkRun } from './testing/run-official-sdk.js'

const sdkRun = useOfficialSdkRun(new URL('./testing/official-sdk-payments.mjs', import.meta.url), {
  directoryPrefix: 'flex-emulator-sdk-payments-',
  timeout: 90_000,
})
const { lines, runOfficialSdk } = sdkRun

describe('the official cybersource-rest-client pays at the emulator over TLS', () => {
  it('authorizes, captures, refunds, voids the refund and the capture, reads the transaction back, reverses, sells and voids with both authentication types; its models parse every answer', async () => {
    const output = await runOfficialSdk()
    expectNoSensitiveData(output, [sdkRun.emulator.merchant.sharedSecret])
    expectNoSensitiveData(lines.join('\n'))
    const results = JSON.parse(output) as Record<string, unknown>[]
    expect(results.map((result) => result.authenticationType)).toEqual(['http_signature', 'jwt'])
    for (const result of results) {
      expect(result).toMatchObject({
        authorization: { status: 201, parsed: true, answered: 'AUTHORIZED' },
        capture: { status: 201, parsed: true, answered: 'PENDING' },
        refund: { status: 201, parsed: true, answered: 'PENDING' },
        voidRefund: { status: 201, parsed: true, answered: 'VOIDED' },
        voidCapture: { status: 201, parsed: true, answered: 'VOIDED' },
        transaction: { status: 200, parsed: true, answered: 'AUTHORIZED' },
        reversal: { status: 201, parsed: true, answered: 'REVERSED' },
        void: { status: 201, parsed: true, answered: 'VOIDED' },
        details: { status: 200 },
      })
      expect(result.links).toEqual(['capture', 'reversal', 'self'])
    }
  }, 120_000)
})

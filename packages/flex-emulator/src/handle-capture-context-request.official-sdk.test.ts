import { expectNoSensitiveData } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { useOfficialSdkRun } from './testing/run-official-sdk.js'

const sdkRun = useOfficialSdkRun(new URL('./testing/official-sdk-microform.mjs', import.meta.url), {
  directoryPrefix: 'flex-emulator-microform-sdk-',
  timeout: 60_000,
})

describe('the official SDK creates Microform and Unified Checkout contexts on the emulator', () => {
  it('with http_signature and jwt, and gets the service refusal for an http origin', async () => {
    const output = await sdkRun.runOfficialSdk()
    expectNoSensitiveData(output, [sdkRun.emulator.merchant.sharedSecret])
    const results = JSON.parse(output) as Record<string, unknown>[]
    expect(
      results.map(({ authenticationType, name, status, type }) => [
        authenticationType,
        name,
        status,
        type,
      ]),
    ).toEqual([
      ['http_signature', 'microform', 201, 'mf-2.0.0'],
      ['http_signature', 'up-v1', 201, 'gda-0.10.0'],
      ['http_signature', 'uc-v1', 201, 'gda-0.10.0'],
      ['jwt', 'microform', 201, 'mf-2.0.0'],
      ['jwt', 'up-v1', 201, 'gda-0.10.0'],
      ['jwt', 'uc-v1', 201, 'gda-0.10.0'],
      ['jwt', 'microform-http-origin', 400, undefined],
    ])
    const refused = JSON.parse(String(results.at(-1)?.body))
    expect(refused.responseStatus).toMatchObject({
      reason: 'VALIDATION_ERROR',
      details: [
        {
          location: 'targetOrigin',
          message: 'Target Origin[0] cannot use http protocol unless the host is localhost',
        },
      ],
    })
  }, 60_000)
})

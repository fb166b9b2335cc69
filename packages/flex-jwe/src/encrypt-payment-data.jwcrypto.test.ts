import { spawnSync } from 'node:child_process'
import type { FlexPublicJwk } from 'flex-types'
import { generateRsaKeyPair, type RsaKeyPair } from 'test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { encryptPaymentData } from './encrypt-payment-data.js'
import { createTestCaptureContext, TEST_DATE } from './test/create-test-capture-context.js'

// Debian's python3-jwcrypto, an implementation independent of jose. It is only visible to the
// system interpreter, not to a pyenv `python3` on PATH.
const PYTHON = '/usr/bin/python3'
const probe = spawnSync(PYTHON, ['-c', 'import jwcrypto.jwe'], { encoding: 'utf8' })
const available = probe.status === 0
const MISSING = `${PYTHON} cannot import jwcrypto: install the Debian package python3-jwcrypto`
if (!available && !process.env.CI) console.warn(`skipping the jwcrypto interop test: ${MISSING}`)

const DECRYPT = `
import json, sys
from jwcrypto import jwe, jwk
request = json.load(sys.stdin)
key = jwk.JWK(**request['jwk'])
results = []
for token, alg in request['tokens']:
    message = jwe.JWE()
    message.allowed_algs = [alg, 'A256GCM']
    message.deserialize(token, key=key)
    results.append({'header': message.jose_header, 'plaintext': message.payload.decode('utf-8')})
print(json.dumps(results))
`

let pair: RsaKeyPair
beforeAll(async () => {
  pair = await generateRsaKeyPair({ usage: 'encrypt', kid: 'jwcrypto-interop' })
})

describe.skipIf(!available && !process.env.CI)('python3-jwcrypto', () => {
  it('decrypts RSA-OAEP-256 and RSA-OAEP JWEs to the exact plaintext', async () => {
    expect(available, MISSING).toBe(true)
    const captureContext = createTestCaptureContext(pair.publicJwk as FlexPublicJwk, {
      optionalFields: ['orderInformation.billTo.firstName', 'orderInformation.billTo.email'],
    })
    const data = {
      paymentInformation: {
        card: {
          number: '4242424242424242',
          securityCode: '123',
          expirationMonth: '12',
          expirationYear: '2031',
        },
      },
      orderInformation: { billTo: { firstName: 'Zoë', email: 'zoe@example.com' } },
    }
    const algorithms = ['RSA-OAEP-256', 'RSA-OAEP'] as const
    const tokens = await Promise.all(
      algorithms.map(async (algorithm) => [
        await encryptPaymentData(captureContext, data, { algorithm, currentDate: TEST_DATE }),
        algorithm,
      ]),
    )
    const run = spawnSync(PYTHON, ['-c', DECRYPT], {
      input: JSON.stringify({ jwk: pair.privateJwk, tokens }),
      encoding: 'utf8',
      timeout: 15_000,
    })
    expect(run.status, 'jwcrypto exit status').toBe(0)
    const results = JSON.parse(run.stdout) as { header: unknown; plaintext: string }[]
    const expected = JSON.stringify({ data, context: captureContext.jwt, index: 0 })
    expect(results.map((result) => result.header)).toEqual(
      algorithms.map((alg) => ({ alg, enc: 'A256GCM', kid: 'jwcrypto-interop' })),
    )
    expect(results.map((result) => result.plaintext === expected)).toEqual([true, true])
  })
})

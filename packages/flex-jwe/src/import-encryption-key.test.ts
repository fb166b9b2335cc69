import { readFileSync } from 'node:fs'
import type { FlexPublicJwk } from 'flex-types'
import { describe, expect, it } from 'vitest'
import { encryptPaymentData } from './encrypt-payment-data.js'
import { FlexEncryptionKeyError } from './errors.js'
import { createTestCaptureContext, TEST_DATE } from './test/create-test-capture-context.js'

interface KeyGroup {
  comment: string
  public?: { keys: Record<string, unknown>[] }
  private?: { keys: Record<string, unknown>[] }
  tests: { tcId: number; comment: string; result: string }[]
}
const groups = (
  JSON.parse(
    readFileSync(
      new URL('../../../tooling/test-vectors/wycheproof/json_web_key_test.json', import.meta.url),
      'utf8',
    ),
  ) as { testGroups: KeyGroup[] }
).testGroups

const data = {
  paymentInformation: {
    card: {
      number: '4242424242424242',
      securityCode: '123',
      expirationMonth: '12',
      expirationYear: '2031',
    },
  },
}

async function outcome(key: Record<string, unknown>): Promise<string> {
  try {
    await encryptPaymentData(createTestCaptureContext(key as unknown as FlexPublicJwk), data, {
      currentDate: TEST_DATE,
    })
    return 'accepted'
  } catch (error) {
    if (FlexEncryptionKeyError.isInstance(error)) return `refused (${error.reason})`
    throw error
  }
}

describe('the one-time key against Wycheproof json_web_key_test.json', () => {
  it('refuses every key of every case as an encryption key, each for a sound reason', async () => {
    const outcomes: string[] = []
    for (const group of groups) {
      const keys = [...(group.public?.keys ?? []), ...(group.private?.keys ?? [])]
      const tcIds = group.tests.map((test) => `${test.tcId} ${test.comment}`).join(', ')
      for (const [index, key] of keys.entries()) {
        outcomes.push(`${tcIds} #${index} ${key.kty}: ${await outcome(key)}`)
      }
    }
    // Invalid cases must be refused; the one valid RSA key (tcId 5) is an RS256 signing key
    // (use sig, alg RS256), so as an encryption key it is refused too. Every RSA key here names a
    // signature alg, which is refused first; the next test removes it to reach each key's flaw.
    expect(outcomes.filter((line) => line.endsWith('accepted'))).toEqual([])
    expect(
      outcomes.filter((line) => / #\d+ (oct|EC): /.test(line) && !line.endsWith('(not-rsa)')),
    ).toEqual([])
    expect(outcomes.filter((line) => line.includes('RSA: refused (private-members)')).length).toBe(
      6,
    )
    expect(outcomes.filter((line) => /^(5|6|7|8|9|24) .* #0 RSA/.test(line))).toEqual([
      '5 acceptsValid #0 RSA: refused (wrong-algorithm)',
      '6 rejectsWrongUse #0 RSA: refused (wrong-algorithm)',
      '7 rejectsKeyWithRocaVulnerability #0 RSA: refused (wrong-algorithm)',
      '8 rejects1024bitRsaKey #0 RSA: refused (wrong-algorithm)',
      '9 rejectsPublicExponent1 #0 RSA: refused (wrong-algorithm)',
      '24 rejectsModifiedKey #0 RSA: refused (wrong-algorithm)',
    ])
  })

  it('refuses the invalid RSA keys for their own flaw once use and alg are made right', async () => {
    const byTcId = new Map(groups.map((group) => [group.tests[0]?.tcId, group.public?.keys[0]]))
    const asEncryptionKey = (tcId: number) => {
      const { use: _use, alg: _alg, ...rest } = byTcId.get(tcId) as Record<string, unknown>
      return { ...rest, use: 'enc', kid: 'k' }
    }
    expect(await outcome(asEncryptionKey(5))).toBe('accepted')
    expect(await outcome(asEncryptionKey(7))).toBe('refused (roca)')
    expect(await outcome(asEncryptionKey(8))).toBe('refused (modulus-size)')
    expect(await outcome(asEncryptionKey(9))).toBe('refused (weak-exponent)')
  })
})

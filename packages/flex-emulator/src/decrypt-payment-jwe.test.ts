import { readFileSync } from 'node:fs'
import type { JWK } from 'jose'
import { describe, expect, it } from 'vitest'
import { decryptPaymentJwe } from './decrypt-payment-jwe.js'

interface Vector {
  tcId: number
  comment: string
  jwe: unknown
  pt?: string
  result: 'valid' | 'invalid' | 'acceptable'
}
interface Group {
  private?: JWK
  tests: Vector[]
}

const suite = JSON.parse(
  readFileSync(
    new URL(
      '../../../tooling/test-vectors/wycheproof/json_web_encryption_test.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as { testGroups: Group[] }

function headerOf(jwe: unknown): Record<string, unknown> | undefined {
  if (typeof jwe !== 'string') return undefined
  try {
    return JSON.parse(Buffer.from(jwe.split('.')[0] ?? '', 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
}

const rsaCases = suite.testGroups.flatMap((group) =>
  group.private?.kty === 'RSA'
    ? group.tests.map((test) => ({ key: group.private as JWK, test }))
    : [],
)
const applicable = rsaCases.filter(({ test }) => {
  const header = headerOf(test.jwe)
  return (header?.alg === 'RSA-OAEP' || header?.alg === 'RSA-OAEP-256') && header.enc === 'A256GCM'
})
const others = rsaCases.filter((entry) => !applicable.includes(entry))

describe('Wycheproof json_web_encryption_test.json', () => {
  it('has RSA-OAEP and RSA-OAEP-256 A256GCM vectors and others to refuse', () => {
    expect(applicable.length).toBeGreaterThanOrEqual(3)
    expect(others.some(({ test }) => headerOf(test.jwe)?.alg === 'RSA1_5')).toBe(true)
  })

  it.each(applicable.map(({ key, test }) => [test.tcId, test.comment, key, test] as const))(
    'tcId %i (%s) agrees with its result',
    async (_id, _comment, key, test) => {
      const result = await decryptPaymentJwe(test.jwe as string, () => key)
      if (test.result === 'valid') {
        expect(result && Buffer.from(result).toString('hex')).toBe(test.pt)
      } else {
        expect(result).toBeUndefined()
      }
    },
  )

  it.each(applicable.map(({ key, test }) => [test.tcId, key, test] as const))(
    'tcId %i with a flipped tag, ciphertext or key is refused',
    async (_id, key, test) => {
      const parts = (test.jwe as string).split('.')
      for (const index of [1, 3, 4]) {
        const changed = [...parts]
        const part = changed[index] as string
        changed[index] =
          `${part.slice(0, -3)}${part.slice(-3, -2) === 'A' ? 'B' : 'A'}${part.slice(-2)}`
        expect(await decryptPaymentJwe(changed.join('.'), () => key)).toBeUndefined()
      }
    },
  )

  it.each(others.map(({ key, test }) => [test.tcId, test.comment, key, test] as const))(
    'tcId %i (%s): other algorithms and encodings are refused whatever their result',
    async (_id, _comment, key, test) => {
      expect(await decryptPaymentJwe(test.jwe as string, () => key)).toBeUndefined()
    },
  )
})

describe('decryptPaymentJwe misuse', () => {
  it('throws a TypeError with a code for a jwe that is not a string or a resolveKey that is not a function', async () => {
    await expect(decryptPaymentJwe(42 as unknown as string, () => undefined)).rejects.toMatchObject(
      {
        name: 'TypeError',
        code: 'ERR_INVALID_ARG_VALUE',
        message: 'decryptPaymentJwe: jwe must be a string',
      },
    )
    await expect(decryptPaymentJwe('a.b.c.d.e', 'key' as never)).rejects.toMatchObject({
      name: 'TypeError',
      code: 'ERR_INVALID_ARG_VALUE',
      message: 'decryptPaymentJwe: resolveKey must be a function',
    })
  })
})

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createPublicKeyResolver } from './create-public-key-resolver.js'
import { FlexVerificationError } from './errors.js'
import { importVerificationKey, validateVerificationJwk } from './import-verification-key.js'
import { serveKeys, TEST_ORIGIN } from './test/tokens.js'
import { verifyCompactJws } from './verify-compact-jws.js'

interface JwsTest {
  tcId: number
  comment: string
  jws: unknown
  result: 'valid' | 'invalid' | 'acceptable'
}

interface JwsGroup {
  comment: string
  public?: Record<string, unknown> & { keys?: Record<string, unknown>[] }
  tests: JwsTest[]
}

function load<T>(name: string): { testGroups: T[] } {
  return JSON.parse(
    readFileSync(
      new URL(`../../../tooling/test-vectors/wycheproof/${name}`, import.meta.url),
      'utf8',
    ),
  )
}

function headerAlg(jws: unknown): unknown {
  if (typeof jws !== 'string') return undefined
  try {
    return JSON.parse(Buffer.from(jws.split('.')[0] ?? '', 'base64url').toString('utf8')).alg
  } catch {
    return undefined
  }
}

/**
 * Where this verifier deliberately differs from a Wycheproof `valid` result, and the refusal it
 * gives instead (or `verifies` for the one case where it accepts what Wycheproof refuses).
 */
function policyFor(group: JwsGroup, test: JwsTest): { expect: string; why: string } | undefined {
  if (typeof test.jws === 'string' && test.jws.split('.')[1] === '') {
    return {
      expect: 'malformed',
      why: 'a Flex token always has claims: isCompactJws refuses an empty payload',
    }
  }
  if (test.result === 'valid' && /[^A-Za-z0-9_.-]/.test(String(test.jws))) {
    return {
      expect: 'malformed',
      why: 'characters outside [A-Za-z0-9_-.] are refused (the Security section of flex-jwt README)',
    }
  }
  if (test.result === 'valid' && headerAlg(test.jws) !== 'RS256') {
    return {
      expect: 'alg-not-allowed',
      why: 'only RS256 is accepted (the Security section of flex-jwt README)',
    }
  }
  const kid = (group.public?.kid ?? group.public?.keys?.[0]?.kid) as string | undefined
  if (test.result === 'valid' && kid !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(kid)) {
    return {
      expect: 'kid-invalid',
      why: 'kid outside [A-Za-z0-9._-] is refused (the Security section of flex-jwt README)',
    }
  }
  if (group.comment === 'rsa_encryption' && group.public?.use === 'enc') {
    return {
      expect: 'verifies',
      why: 'Cybersource marks its RS256 signing keys use: enc (docs/protocol.md section 3)',
    }
  }
  return undefined
}

async function outcome(jws: unknown, group: JwsGroup): Promise<string> {
  const served = group.public?.keys?.[0] ?? group.public
  const jwks =
    served?.kty !== undefined && typeof served.kid === 'string' ? { [served.kid]: served } : {}
  const resolveKey = createPublicKeyResolver({
    origin: TEST_ORIGIN,
    fetch: serveKeys(jwks),
    unknownKidFetchBurst: 100,
  })
  try {
    await verifyCompactJws(jws as string, { resolveKey })
    return 'verifies'
  } catch (error) {
    if (!FlexVerificationError.isInstance(error)) return `threw a non-Flex error`
    return error.reason
  }
}

async function checkJwsFile(
  name: string,
): Promise<{ checked: number; policy: number; outcomes: Map<number, string> }> {
  const mismatches: string[] = []
  const outcomes = new Map<number, string>()
  let checked = 0
  let policy = 0
  for (const group of load<JwsGroup>(name).testGroups) {
    for (const test of group.tests) {
      const got = await outcome(test.jws, group)
      outcomes.set(test.tcId, got)
      const special = policyFor(group, test)
      if (special !== undefined) {
        policy += 1
        if (got !== special.expect) {
          mismatches.push(
            `tcId ${test.tcId} (${test.comment}): expected ${special.expect} because ${special.why}, got ${got}`,
          )
        }
        continue
      }
      checked += 1
      const agrees =
        test.result === 'acceptable' ||
        (test.result === 'valid'
          ? got === 'verifies'
          : got !== 'verifies' && !got.startsWith('threw'))
      if (!agrees)
        mismatches.push(
          `tcId ${test.tcId} (${test.comment}): Wycheproof says ${test.result}, got ${got}`,
        )
    }
  }
  expect(mismatches).toEqual([])
  return { checked, policy, outcomes }
}

describe('Project Wycheproof', () => {
  it('json_web_signature_test.json: every applicable case agrees with its result', async () => {
    const { checked, policy, outcomes } = await checkJwsFile('json_web_signature_test.json')
    expect(checked).toBeGreaterThan(350)
    expect(policy).toBeLessThan(50)
    // The RS256 group's own valid case does verify; the none and confusion cases never do.
    expect(outcomes.get(33)).toBe('verifies')
    // 16 is alg none with an empty signature: refused by the shape check, before its header is read.
    expect(outcomes.get(16)).toBe('malformed')
    expect(outcomes.get(32)).toBe('alg-not-allowed')
    expect(outcomes.get(355)).toBe('key-invalid')
  })

  it('json_web_key_test.json: every applicable case agrees, ROCA, 1024-bit and e = 1 keys are refused', async () => {
    const { outcomes } = await checkJwsFile('json_web_key_test.json')
    expect(outcomes.get(5)).toBe('verifies')
    expect(outcomes.get(6)).toBe('key-invalid')
    expect(outcomes.get(7)).toBe('key-invalid')
    // 8 and 9 sign an empty payload, refused before the key is looked at; the next test shows
    // their keys are refused too.
    expect(outcomes.get(8)).toBe('malformed')
    expect(outcomes.get(9)).toBe('malformed')
  })

  it('json_web_key_test.json: the ROCA, 1024-bit and e = 1 keys cannot even be pinned', () => {
    const groups = load<JwsGroup>('json_web_key_test.json').testGroups
    for (const tcId of [7, 8, 9]) {
      const group = groups.find((candidate) => candidate.tests.some((test) => test.tcId === tcId))
      const key = group?.public?.keys?.[0]
      expect(key, `tcId ${tcId}`).toBeDefined()
      expect(() => createPublicKeyResolver({ pinnedKeys: [key as never] }), `tcId ${tcId}`).toThrow(
        expect.objectContaining({ reason: 'key-invalid' }),
      )
    }
  })

  it('rsa_signature_2048_sha256_test.json: the imported key agrees with every result', async () => {
    interface SignatureGroup {
      keyJwk: Record<string, unknown>
      tests: { tcId: number; comment: string; msg: string; sig: string; result: string }[]
    }
    const mismatches: string[] = []
    let checked = 0
    for (const group of load<SignatureGroup>('rsa_signature_2048_sha256_test.json').testGroups) {
      let key: CryptoKey
      try {
        key = await importVerificationKey(
          validateVerificationJwk(group.keyJwk, { algorithms: ['RS256'] }),
          undefined,
        )
      } catch (error) {
        // e = 3 keys: Wycheproof calls their signatures valid, flex-jwt refuses such keys.
        for (const test of group.tests) {
          if (
            group.keyJwk.e === 'AQAB' ||
            (error as FlexVerificationError).reason !== 'key-invalid'
          ) {
            mismatches.push(`tcId ${test.tcId}: key refused unexpectedly`)
          }
        }
        continue
      }
      for (const test of group.tests) {
        checked += 1
        const verified = await crypto.subtle.verify(
          key.algorithm,
          key,
          Buffer.from(test.sig, 'hex'),
          Buffer.from(test.msg, 'hex'),
        )
        if (test.result !== 'acceptable' && verified !== (test.result === 'valid')) {
          mismatches.push(
            `tcId ${test.tcId} (${test.comment}): Wycheproof says ${test.result}, verified ${verified}`,
          )
        }
      }
    }
    expect(mismatches).toEqual([])
    expect(checked).toBe(257)
  })
})

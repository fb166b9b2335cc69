import { createHmac } from 'node:crypto'
import { expectNoSensitiveData, generateRsaKeyPair } from 'test-utils'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { createPublicKeyResolver } from './create-public-key-resolver.js'
import {
  AT_NOW,
  captureContextClaims,
  createTestKeys,
  encodeSegment,
  NOW,
  serveKeys,
  signCaptureContext,
  signJws,
  signTransientToken,
  TEST_ORIGIN,
  type TestKeys,
} from './test/tokens.js'
import { verifyCaptureContext } from './verify-capture-context.js'
import { verifyTransientToken } from './verify-transient-token.js'

let keys: TestKeys
let servedJwk: Record<string, unknown>

beforeAll(async () => {
  keys = await createTestKeys()
  servedJwk = { kty: 'RSA', use: 'enc', ...keys.longTerm.publicJwk }
})

/** Verifies with a fresh resolver and reports the refusal and how many key requests it caused. */
async function attack(jwt: string): Promise<{ reason: string; code: string; requests: number }> {
  const fetch = serveKeys({ zu: servedJwk })
  const resolver = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch })
  const error = await verifyCaptureContext(jwt, { keys: resolver, currentDate: AT_NOW }).then(
    () => {
      throw new Error('the attack token verified')
    },
    (thrown: unknown) => thrown as { reason: string; code: string },
  )
  expectNoSensitiveData(
    error,
    [jwt, jwt.split('.')[1] ?? '', 'zHmmgnni5h7zmtf4'].filter((part) => part.length > 8),
  )
  return { reason: error.reason, code: error.code, requests: fetch.requests.length }
}

const header = (members: Record<string, unknown>) => ({ kid: 'zu', alg: 'RS256', ...members })
const unsigned = (head: Record<string, unknown>, payload: unknown, signature = '') =>
  `${encodeSegment(head)}.${encodeSegment(payload)}.${signature}`

async function floodWithRandomKids(): Promise<void> {
  const fetch = serveKeys({ zu: servedJwk })
  const resolver = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch })
  const genuine = await signCaptureContext(keys)
  await verifyCaptureContext(genuine, { keys: resolver, currentDate: AT_NOW })
  const claims = encodeSegment(captureContextClaims(keys.oneTimeJwk))
  const reasons = new Set<string>()
  const shaped = new Set<string>()
  for (let index = 0; index < 1_000; index += 1) {
    const kid = crypto
      .randomUUID()
      .replace(/-/g, '')
      .slice(0, 2 + (index % 30))
    if (kid.length === 2) shaped.add(kid)
    const jwt = `${encodeSegment({ kid, alg: 'RS256' })}.${claims}.${'A'.repeat(342)}`
    await verifyCaptureContext(jwt, { keys: resolver, currentDate: AT_NOW }).catch(
      (error: { reason: string }) => reasons.add(error.reason),
    )
  }
  expect(fetch.requests.length).toBeGreaterThan(1)
  // A handful for the random kids, and each distinct kid of Cybersource's two-character shape at
  // most once (they are bounded per kid so that none can starve a genuine key).
  expect(fetch.requests.length).toBeLessThanOrEqual(1 + 5 + shaped.size)
  expect([...reasons].sort()).toEqual(['key-fetch-throttled', 'key-not-found'])
  // The known kid still verifies right after the flood, from the cache.
  const before = fetch.requests.length
  await expect(
    verifyCaptureContext(genuine, { keys: resolver, currentDate: AT_NOW }),
  ).resolves.toBeDefined()
  expect(fetch.requests).toHaveLength(before)
}

describe('attack suite (the Security section of flex-jwt README): refusal and key requests caused', () => {
  it('refuses oversized tokens before anything else: 0 requests', async () => {
    const jwt = await signCaptureContext(keys, { padding: 'A'.repeat(70_000) })
    expect(await attack(jwt)).toEqual({
      reason: 'malformed',
      code: 'ERR_FLEX_TOKEN_INVALID',
      requests: 0,
    })
  })

  it.each([
    ['two segments', (jwt: string) => jwt.split('.').slice(0, 2).join('.')],
    ['four segments', (jwt: string) => `${jwt}.AAAA`],
    ['an empty header', (jwt: string) => `.${jwt.split('.').slice(1).join('.')}`],
    ['a space', (jwt: string) => `${jwt.slice(0, 20)} ${jwt.slice(20)}`],
    ['base64 padding', (jwt: string) => `${jwt}==`],
    [
      'standard base64 characters',
      (jwt: string) =>
        jwt
          .replace(/-/g, '+')
          .replace(/_/g, '/')
          .replace(/^(.{10})./, '$1+'),
    ],
    ['a non-JSON header', (jwt: string) => `bm90IGpzb24.${jwt.split('.').slice(1).join('.')}`],
    [
      'a JSON array header',
      (jwt: string) => `${encodeSegment(['RS256'])}.${jwt.split('.').slice(1).join('.')}`,
    ],
  ])('refuses %s: malformed, 0 requests', async (_name, mutate) => {
    const jwt = mutate(await signCaptureContext(keys))
    expect(await attack(jwt)).toMatchObject({ reason: 'malformed', requests: 0 })
  })

  it.each([
    'none',
    'None',
    'NONE',
    'HS256',
    'RS384',
    'RS512',
    'PS256',
    'ES256',
    'rs256',
    ' RS256',
    undefined,
    ['RS256'],
  ])('refuses alg %j: alg-not-allowed, 0 requests', async (alg) => {
    const jwt = await signCaptureContext(keys, {}, header({ alg }))
    expect(await attack(jwt)).toMatchObject({ reason: 'alg-not-allowed', requests: 0 })
    // With no signature at all (alg none style) the shape check refuses it before the header.
    const noneStyle = unsigned(header({ alg }), captureContextClaims(keys.oneTimeJwk))
    expect(await attack(noneStyle)).toMatchObject({ reason: 'malformed', requests: 0 })
  })

  it.each([
    [
      'a repeated claim (the second iss would win)',
      (claims: string) => `${claims.slice(0, -1)},"iss":"Flex/00"}`,
    ],
    [
      'a repeated claim spelled with an escape',
      (claims: string) => `${claims.slice(0, -1)},"\\u0069ss":"Flex API"}`,
    ],
    [
      'a repeated member of flx',
      (claims: string) => claims.replace('"flx":{', '"flx":{"path":"/x",'),
    ],
    ['a byte order mark before the claims', (claims: string) => `\uFEFF${claims}`],
  ])('refuses a correctly signed token with %s: malformed, 0 requests', async (_name, change) => {
    const claims = change(JSON.stringify(captureContextClaims(keys.oneTimeJwk)))
    const jwt = await signJws(
      header({}),
      new TextEncoder().encode(claims),
      keys.longTerm.privateKey,
    )
    expect(await attack(jwt)).toMatchObject({ reason: 'malformed', requests: 0 })
  })

  it('refuses a correctly signed token whose header repeats alg or starts with a byte order mark', async () => {
    for (const head of [
      '{"kid":"zu","alg":"RS256","alg":"RS256"}',
      '\uFEFF{"kid":"zu","alg":"RS256"}',
    ]) {
      const input = `${encodeSegment(new TextEncoder().encode(head))}.${encodeSegment(captureContextClaims(keys.oneTimeJwk))}`
      const signature = await crypto.subtle.sign(
        'RSASSA-PKCS1-v1_5',
        keys.longTerm.privateKey,
        new TextEncoder().encode(input),
      )
      const jwt = `${input}.${encodeSegment(new Uint8Array(signature))}`
      expect(await attack(jwt)).toMatchObject({ reason: 'malformed', requests: 0 })
    }
  })

  it('refuses HS256 signed with the public key as HMAC secret (key confusion): 0 requests', async () => {
    const input = `${encodeSegment(header({ alg: 'HS256' }))}.${encodeSegment(captureContextClaims(keys.oneTimeJwk))}`
    for (const secret of [JSON.stringify(servedJwk), servedJwk.n as string]) {
      const mac = createHmac('sha256', secret).update(input).digest('base64url')
      expect(await attack(`${input}.${mac}`)).toMatchObject({
        reason: 'alg-not-allowed',
        requests: 0,
      })
    }
  })

  it.each([
    ['jwk', () => servedJwk],
    ['jku', () => 'https://evil.example/jwks.json'],
    ['x5u', () => 'https://evil.example/cert.pem'],
    ['x5c', () => ['MIIB']],
    ['crit', () => ['exp']],
    ['crit', () => []],
  ])(
    'refuses a validly signed token carrying %s: header-not-allowed, 0 requests',
    async (member, value) => {
      const jwt = await signCaptureContext(keys, {}, header({ [member]: value() }))
      expect(await attack(jwt)).toMatchObject({ reason: 'header-not-allowed', requests: 0 })
    },
  )

  it('never takes the key from an embedded jwk (attacker key, attacker signature): 0 requests', async () => {
    const attacker = await generateRsaKeyPair({ kid: 'zu' })
    const jwt = await signJws(
      header({ jwk: attacker.publicJwk }),
      captureContextClaims(keys.oneTimeJwk),
      attacker.privateKey,
    )
    expect(await attack(jwt)).toMatchObject({ reason: 'header-not-allowed', requests: 0 })
  })

  it.each([
    '../x',
    'a/b',
    '%2e%2e',
    'x?y',
    'http://e',
    '..',
    '.',
    '',
    'k'.repeat(65),
    'a b',
    'ké',
    7,
    null,
    undefined,
  ])('refuses kid %j: kid-invalid, 0 requests', async (kid) => {
    const jwt = await signCaptureContext(keys, {}, header({ kid }))
    expect(await attack(jwt)).toMatchObject({ reason: 'kid-invalid', requests: 0 })
  })

  it('refuses a transient token offered as a capture context: 0 requests', async () => {
    const jwt = await signTransientToken(keys, {}, { kid: 'zu', alg: 'RS256' })
    expect(await attack(jwt)).toMatchObject({ reason: 'wrong-token-kind', requests: 0 })
  })

  it('refuses a capture context offered as a transient token, without any key request', async () => {
    const resolver = createPublicKeyResolver({ pinnedKeys: [keys.longTerm.publicJwk as never] })
    const captureContext = await verifyCaptureContext(await signCaptureContext(keys), {
      keys: resolver,
      currentDate: AT_NOW,
    })
    const forged = await signJws(
      { kid: captureContext.encryptionKey.kid, alg: 'RS256' },
      captureContextClaims(keys.oneTimeJwk),
      keys.oneTime.privateKey,
    )
    await expect(
      verifyTransientToken(forged, { captureContext, currentDate: AT_NOW }),
    ).rejects.toMatchObject({ reason: 'wrong-token-kind' })
  })

  it('refuses a token signed by another key under a known kid: bad-signature, 1 request', async () => {
    const attacker = await generateRsaKeyPair({ kid: 'zu' })
    const jwt = await signJws(
      header({}),
      captureContextClaims(keys.oneTimeJwk),
      attacker.privateKey,
    )
    expect(await attack(jwt)).toEqual({
      reason: 'bad-signature',
      code: 'ERR_FLEX_TOKEN_INVALID',
      requests: 1,
    })
  })

  it.each([
    ['exp missing', { exp: undefined }, 'claim-invalid'],
    ['iat missing', { iat: undefined }, 'claim-invalid'],
    ['iat in the future', { iat: NOW + 3600, exp: NOW + 4500 }, 'not-yet-valid'],
    ['expired', { iat: NOW - 3600, exp: NOW - 2700 }, 'expired'],
  ])('refuses %s after the signature: 1 request', async (_name, overrides, reason) => {
    expect(await attack(await signCaptureContext(keys, overrides))).toMatchObject({
      reason,
      requests: 1,
    })
  })

  it('does not refetch after a bad signature with a cached key', async () => {
    const fetch = serveKeys({ zu: servedJwk })
    const resolver = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch })
    const jwt = await signCaptureContext(keys)
    await verifyCaptureContext(jwt, { keys: resolver, currentDate: AT_NOW })
    const tampered = `${jwt.slice(0, -6)}${jwt.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA'}`
    for (let index = 0; index < 20; index += 1) {
      await expect(
        verifyCaptureContext(tampered, { keys: resolver, currentDate: AT_NOW }),
      ).rejects.toMatchObject({ reason: 'bad-signature' })
    }
    expect(fetch.requests).toHaveLength(1)
  })

  it('1,000 forged tokens with random kids cause a handful of requests, plus one per two-character kid', async () => {
    // The fetch allowance refills with the clock: a stopped Date keeps a slow run from earning more.
    vi.useFakeTimers({ now: Date.now(), toFake: ['Date'] })
    try {
      await floodWithRandomKids()
    } finally {
      vi.useRealTimers()
    }
  })

  it('50 concurrent verifications on a cold cache cause exactly one request', async () => {
    const fetch = serveKeys({ zu: servedJwk })
    const resolver = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch })
    const jwt = await signCaptureContext(keys)
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        verifyCaptureContext(jwt, { keys: resolver, currentDate: AT_NOW }),
      ),
    )
    expect(results).toHaveLength(50)
    expect(fetch.requests).toHaveLength(1)
  })

  it('gives each of many concurrent verifications its own verdict, a swapped signature refused', async () => {
    const resolver = createPublicKeyResolver({ pinnedKeys: [keys.longTerm.publicJwk as never] })
    const jwts = await Promise.all(
      Array.from({ length: 16 }, (_, index) => signCaptureContext(keys, { jti: `jti-${index}` })),
    )
    // Token i's header and payload with token i+1's signature: every part valid, the pair not.
    const swapped = jwts.map((jwt, index) => {
      const next = jwts[(index + 1) % jwts.length] as string
      return `${jwt.slice(0, jwt.lastIndexOf('.'))}${next.slice(next.lastIndexOf('.'))}`
    })
    const outcomes = await Promise.all(
      jwts.flatMap((jwt, index) =>
        [jwt, swapped[index] as string].map((token) =>
          verifyCaptureContext(token, { keys: resolver, currentDate: AT_NOW }).then(
            (context) => context.claims.jti,
            (error: { reason: string }) => error.reason,
          ),
        ),
      ),
    )
    expect(outcomes).toEqual(jwts.flatMap((_, index) => [`jti-${index}`, 'bad-signature']))
  })
})

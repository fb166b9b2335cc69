import { FlexCaptureContextError } from 'flex-types'
import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_CLOCK_TOLERANCE, MAX_TOKEN_LIFETIME } from './check-token-claims.js'
import { createPublicKeyResolver, type PublicKeyResolver } from './create-public-key-resolver.js'
import { FlexVerificationError } from './errors.js'
import { AT_NOW, createTestKeys, NOW, signCaptureContext, type TestKeys } from './test/tokens.js'
import { verifyCaptureContext } from './verify-capture-context.js'

let keys: TestKeys
let resolver: PublicKeyResolver

beforeAll(async () => {
  keys = await createTestKeys()
  resolver = createPublicKeyResolver({ pinnedKeys: [keys.longTerm.publicJwk as never] })
})

const verify = (jwt: string, currentDate = AT_NOW, clockTolerance?: number) =>
  verifyCaptureContext(jwt, {
    keys: resolver,
    currentDate,
    ...(clockTolerance === undefined ? {} : { clockTolerance }),
  })

describe('verifyCaptureContext', () => {
  it('returns the CaptureContext of a Flex API session', async () => {
    const jwt = await signCaptureContext(keys)
    const context = await verify(jwt)
    expect(context).toEqual({
      jwt,
      kid: 'zu',
      type: 'api-0.1.0',
      claims: expect.objectContaining({ iss: 'Flex API', iat: NOW }),
      encryptionKey: keys.oneTimeJwk,
      tokensUrl: 'https://testflex.cybersource.com/flex/v2/tokens',
      requiredFields: ['paymentInformation.card.number'],
      optionalFields: ['paymentInformation.card.securityCode', 'orderInformation.billTo.email'],
      issuedAt: new Date(NOW * 1000),
      expiresAt: new Date((NOW + 900) * 1000),
      data: { kind: 'flex-api' },
    })
  })

  it.each([
    ['mf-2.0.0', { targetOrigins: ['https://shop.example'], allowedCardNetworks: ['VISA'] }],
    [
      'gda-0.9.0',
      { clientLibrary: 'https://apitest.cybersource.com/up/v1/assets/0.15/SecureAcceptance.js' },
    ],
    ['zz-9.9.9', { anything: true }],
  ])('accepts %s contexts and exposes their ctx as data', async (type, data) => {
    const jwt = await signCaptureContext(keys, { ctx: [{ type, data }] })
    const context = await verify(jwt)
    expect(context.type).toBe(type)
    expect(context.requiredFields).toEqual([])
    expect(context.claims.ctx[0]?.data).toEqual(data)
  })

  it('keeps unknown field paths out of the lists but in the claims', async () => {
    const ctx = [
      {
        type: 'api-0.1.0',
        data: {
          requiredFields: ['paymentInformation.card.number', 'future.field'],
          optionalFields: [],
        },
      },
    ]
    const context = await verify(await signCaptureContext(keys, { ctx }))
    expect(context.requiredFields).toEqual(['paymentInformation.card.number'])
    expect(context.claims.ctx).toEqual(ctx)
  })

  it('decodes UTF-8 claims, and refuses a header that is not UTF-8', async () => {
    const ctx = [
      {
        type: 'mf-2.0.0',
        data: { targetOrigins: ['https://café.example'], label: 'Zahlung ✓ 💳' },
      },
    ]
    const context = await verify(await signCaptureContext(keys, { ctx }))
    expect(context.claims.ctx).toEqual(ctx)
    const jwt = await signCaptureContext(keys)
    const badHeader = `${Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')}.${jwt.split('.').slice(1).join('.')}`
    await expect(verify(badHeader)).rejects.toMatchObject({ reason: 'malformed' })
  })

  it('refuses an expired capture context with the class and code of every package (#15.4)', async () => {
    const jwt = await signCaptureContext(keys)
    const error = await verify(jwt, new Date((NOW + 2000) * 1000)).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(FlexCaptureContextError)
    expect(FlexVerificationError.isInstance(error)).toBe(false)
    expect(error).toMatchObject({
      code: 'ERR_FLEX_CAPTURE_CONTEXT_EXPIRED',
      reason: 'expired',
      claim: 'exp',
      message: 'the capture context has expired; create a new session',
    })
  })

  it('honours the clock tolerance (default 60 s) for exp and iat', async () => {
    const jwt = await signCaptureContext(keys)
    const at = (seconds: number) => new Date(seconds * 1000)
    await expect(verify(jwt, at(NOW + 900 + 59))).resolves.toBeDefined()
    await expect(verify(jwt, at(NOW + 900 + 60))).rejects.toMatchObject({
      reason: 'expired',
      claim: 'exp',
    })
    await expect(verify(jwt, at(NOW + 905), 0)).rejects.toMatchObject({ reason: 'expired' })
    await expect(verify(jwt, at(NOW - 60))).resolves.toBeDefined()
    await expect(verify(jwt, at(NOW - 61))).rejects.toMatchObject({
      reason: 'not-yet-valid',
      claim: 'iat',
    })
    const notBefore = await signCaptureContext(keys, { nbf: NOW + 300 })
    await expect(verify(notBefore)).rejects.toMatchObject({ reason: 'not-yet-valid', claim: 'nbf' })
  })

  it.each([
    ['iss', { iss: 'Flex APi' }],
    ['iss', { iss: undefined }],
    ['exp', { exp: undefined }],
    ['exp', { exp: '1700000900' }],
    ['iat', { iat: undefined }],
    ['exp', { exp: NOW, iat: NOW }],
    ['flx', { flx: undefined }],
    ['flx', { flx: 'x' }],
    ['ctx', { ctx: undefined }],
    ['ctx', { ctx: [] }],
    ['ctx', { ctx: [{ data: {} }] }],
    ['ctx', { ctx: [{ type: 'api-0.1.0', data: [] }] }],
    ['ctx.data.requiredFields', { ctx: [{ type: 'api-0.1.0', data: { requiredFields: 'x' } }] }],
    ['jti', { jti: 42 }],
  ])('refuses a bad %s claim', async (claim, overrides) => {
    const jwt = await signCaptureContext(keys, overrides)
    const error = await verify(jwt, new Date((NOW + 1) * 1000)).catch((thrown) => thrown)
    expect(error).toMatchObject({ reason: 'claim-invalid', claim, code: 'ERR_FLEX_TOKEN_INVALID' })
  })

  it.each([
    ['flx.path', (flx: Record<string, unknown>) => ({ ...flx, path: 'flex/v2/tokens' })],
    ['flx.origin', (flx: Record<string, unknown>) => ({ ...flx, origin: 'http://evil.example' })],
    [
      'flx.origin',
      (flx: Record<string, unknown>) => ({ ...flx, origin: 'https://testflex.cybersource.com/x' }),
    ],
    ['flx.data', (flx: Record<string, unknown>) => ({ ...flx, data: undefined })],
  ])('refuses a bad %s', async (claim, change) => {
    const base = (await import('./test/tokens.js')).captureContextClaims(keys.oneTimeJwk)
    const jwt = await signCaptureContext(keys, { flx: change(base.flx as Record<string, unknown>) })
    await expect(verify(jwt)).rejects.toMatchObject({ reason: 'claim-invalid', claim })
  })

  it.each([
    ['e = 1', { e: 'AQ' }],
    ['a private member', { d: 'AQAB' }],
    ['a short modulus', { n: 'AQAB' }],
  ])('refuses a one-time key with %s as key-invalid', async (_name, change) => {
    const base = (await import('./test/tokens.js')).captureContextClaims(keys.oneTimeJwk)
    const flx = base.flx as Record<string, unknown>
    const jwt = await signCaptureContext(keys, {
      flx: { ...flx, jwk: { ...keys.oneTimeJwk, ...change } },
    })
    await expect(verify(jwt)).rejects.toMatchObject({
      reason: 'key-invalid',
      claim: 'flx.jwk',
      code: 'ERR_FLEX_KEY_INVALID',
    })
  })

  it('validates again a one-time key whose modulus was accepted before but whose members differ', async () => {
    const base = (await import('./test/tokens.js')).captureContextClaims(keys.oneTimeJwk)
    const flx = base.flx as Record<string, unknown>
    await expect(verify(await signCaptureContext(keys))).resolves.toBeDefined()
    for (const change of [
      { e: 'AQ' },
      { d: 'AQAB' },
      { use: 'sig', kty: 'EC' },
      { alg: 'HS256' },
    ]) {
      const jwt = await signCaptureContext(keys, {
        flx: { ...flx, jwk: { ...keys.oneTimeJwk, ...change } },
      })
      await expect(verify(jwt)).rejects.toMatchObject({ reason: 'key-invalid', claim: 'flx.jwk' })
    }
    await expect(verify(await signCaptureContext(keys))).resolves.toBeDefined()
  })

  it('refuses a one-time key without kid', async () => {
    const base = (await import('./test/tokens.js')).captureContextClaims(keys.oneTimeJwk)
    const flx = base.flx as Record<string, unknown>
    const jwt = await signCaptureContext(keys, {
      flx: { ...flx, jwk: { ...keys.oneTimeJwk, kid: undefined } },
    })
    await expect(verify(jwt)).rejects.toMatchObject({ reason: 'claim-invalid', claim: 'flx.jwk' })
  })

  it('throws a usage error for programmer errors, naming the option', async () => {
    const jwt = await signCaptureContext(keys)
    const usage = (option: string) => ({
      name: 'TypeError',
      code: 'ERR_INVALID_ARG_VALUE',
      message: expect.stringContaining(`verifyCaptureContext: ${option} must`),
    })
    await expect(verifyCaptureContext(jwt, {} as never)).rejects.toMatchObject(
      usage('options.keys'),
    )
    await expect(
      verifyCaptureContext(jwt, { keys: resolver, currentDate: 'now' as never }),
    ).rejects.toMatchObject(usage('currentDate'))
    await expect(
      verifyCaptureContext(jwt, { keys: resolver, currentDate: () => new Date(Number.NaN) }),
    ).rejects.toMatchObject(usage('currentDate'))
    for (const clockTolerance of [-1, 1e12, MAX_CLOCK_TOLERANCE + 1, Number.NaN, '60']) {
      await expect(
        verifyCaptureContext(jwt, { keys: resolver, clockTolerance: clockTolerance as number }),
      ).rejects.toMatchObject(usage('clockTolerance'))
    }
  })

  it('takes currentDate as a function and a clockTolerance up to 5 minutes', async () => {
    const jwt = await signCaptureContext(keys)
    const late = new Date((NOW + 900 + MAX_CLOCK_TOLERANCE - 1) * 1000)
    await expect(
      verifyCaptureContext(jwt, { keys: resolver, currentDate: () => AT_NOW }),
    ).resolves.toMatchObject({ kid: 'zu' })
    await expect(verify(jwt, late, MAX_CLOCK_TOLERANCE)).resolves.toMatchObject({ kid: 'zu' })
    await expect(verify(jwt, late, 60)).rejects.toMatchObject({ reason: 'expired' })
  })

  it.each([
    ['exp', { exp: 1e20 }],
    ['exp', { exp: 2 ** 53 }],
    ['exp', { exp: NOW + 900.5 }],
    ['exp', { exp: NOW + MAX_TOKEN_LIFETIME + 1 }],
    ['exp', { iat: NOW - MAX_TOKEN_LIFETIME, exp: NOW + 60 }],
    ['iat', { iat: 2 ** 53 }],
    ['iat', { iat: -1 }],
    ['iat', { iat: NOW + 0.5 }],
    ['nbf', { nbf: 1e20 }],
  ])(
    'refuses an absurd or unsafe %s claim (signed, so only the claim is at fault)',
    async (claim, overrides) => {
      const error = await verify(await signCaptureContext(keys, overrides)).catch(
        (thrown) => thrown,
      )
      expect(error).toMatchObject({
        reason: 'claim-invalid',
        claim,
        code: 'ERR_FLEX_TOKEN_INVALID',
      })
    },
  )

  it('accepts an exp exactly a day ahead, and its expiresAt is a valid Date', async () => {
    const jwt = await signCaptureContext(keys, { exp: NOW + MAX_TOKEN_LIFETIME })
    const context = await verify(jwt)
    expect(context.expiresAt.toISOString()).toBe(
      new Date((NOW + MAX_TOKEN_LIFETIME) * 1000).toISOString(),
    )
  })

  it('returns a deeply frozen capture context', async () => {
    const context = await verify(await signCaptureContext(keys))
    const flx = context.claims.flx
    const entry = context.claims.ctx[0]
    for (const part of [
      context,
      context.claims,
      flx,
      flx.jwk,
      context.claims.ctx,
      entry,
      entry?.data,
      context.encryptionKey,
      context.requiredFields,
      context.optionalFields,
    ]) {
      expect(Object.isFrozen(part)).toBe(true)
    }
    expect(() => {
      ;(context.encryptionKey as { n: string }).n = 'AQAB'
    }).toThrow(TypeError)
  })

  it('refuses a custom resolver that returns something other than an RS256 public key', async () => {
    const jwt = await signCaptureContext(keys)
    const hmac = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ])
    for (const returned of [hmac, keys.longTerm.privateKey, 'secret', new Uint8Array(32)]) {
      await expect(
        verifyCaptureContext(jwt, { keys: async () => returned as CryptoKey, currentDate: AT_NOW }),
      ).rejects.toMatchObject({ reason: 'key-invalid' })
    }
    const failing = async () => {
      throw new Error('kv outage')
    }
    await expect(
      verifyCaptureContext(jwt, { keys: failing, currentDate: AT_NOW }),
    ).rejects.toMatchObject({ reason: 'key-fetch-failed' })
  })
})

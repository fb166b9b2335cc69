import type { CaptureContext } from 'flex-types'
import { expectNoSensitiveData, generateRsaKeyPair, SENTINEL_CARD_NUMBERS } from 'test-utils'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { createPublicKeyResolver, type PublicKeyResolver } from './create-public-key-resolver.js'
import {
  AT_NOW,
  createTestKeys,
  NOW,
  ONE_TIME_KID,
  signCaptureContext,
  signJws,
  signTransientToken,
  type TestKeys,
} from './test/tokens.js'
import { verifyCaptureContext } from './verify-capture-context.js'
import { verifyTransientToken } from './verify-transient-token.js'

let keys: TestKeys
let captureContext: CaptureContext
let resolver: PublicKeyResolver

beforeAll(async () => {
  keys = await createTestKeys()
  resolver = createPublicKeyResolver({ pinnedKeys: [keys.longTerm.publicJwk as never] })
  captureContext = await verifyCaptureContext(await signCaptureContext(keys), {
    keys: resolver,
    currentDate: AT_NOW,
  })
})

const spaced = (SENTINEL_CARD_NUMBERS[0] as string).replace(/(\d{4})(?=\d)/g, '$1 ')
const cardContent = (number: Record<string, unknown>) => ({
  paymentInformation: { card: { number } },
})

const verify = (jwt: string, context = captureContext) =>
  verifyTransientToken(jwt, { captureContext: context, currentDate: AT_NOW })

describe('verifyTransientToken', () => {
  it('returns the TransientToken of a Flex API token (no card data)', async () => {
    const jwt = await signTransientToken(keys)
    const token = await verify(jwt)
    expect(token).toEqual({
      jwt,
      jti: '1D0V31P1KLE3W7SVJBYTM8UG1XM2KIOEHIVWAIDOJHK62IHT1QQ5603FC760609C',
      type: 'api-0.1.0',
      claims: expect.objectContaining({ iss: 'Flex/00' }),
      issuedAt: new Date(NOW * 1000),
      expiresAt: new Date((NOW + 900) * 1000),
    })
    expect('card' in token).toBe(false)
  })

  it('reads the older Microform data shape into card', async () => {
    const data = {
      number: '411111XXXXXX1111',
      type: '001',
      expirationMonth: '12',
      expirationYear: '2031',
    }
    const token = await verify(await signTransientToken(keys, { type: 'mf-0.11.0', data }))
    expect(token.card).toEqual({
      maskedNumber: '411111XXXXXX1111',
      bin: '411111',
      type: '001',
      expirationMonth: '12',
      expirationYear: '2031',
    })
    expect(token.claims.data).toEqual(data)
  })

  it('reads the newer content shape into card and keeps unknown members in claims', async () => {
    const content = {
      paymentInformation: {
        card: {
          number: { maskedValue: 'XXXXXXXXXXXX1111', bin: '411111', detectedCardTypes: ['001'] },
          expirationMonth: { value: '12' },
          expirationYear: { value: '2031' },
          securityCode: {},
          type: { value: '001' },
          somethingNew: { value: 'x' },
        },
      },
    }
    const token = await verify(
      await signTransientToken(keys, {
        type: 'gda-0.9.0',
        content,
        metadata: { consumerPreference: {} },
      }),
    )
    expect(token.card).toEqual({
      maskedNumber: 'XXXXXXXXXXXX1111',
      bin: '411111',
      detectedTypes: ['001'],
      type: '001',
      expirationMonth: '12',
      expirationYear: '2031',
      securityCodeCaptured: true,
    })
    expect(token.claims.metadata).toEqual({ consumerPreference: {} })
  })

  it.each([
    ['data', { data: { number: SENTINEL_CARD_NUMBERS[0], type: '001' } }],
    ['data', { data: { number: 411111111111, type: '001' } }],
    ['data', { data: { bin: SENTINEL_CARD_NUMBERS[0] } }],
    ['content', { content: cardContent({ maskedValue: SENTINEL_CARD_NUMBERS[0], bin: '411111' }) }],
    ['content', { content: cardContent({ maskedValue: 4111111111111111 }) }],
    ['content', { content: cardContent({ maskedValue: 'XXXXXXXXXXXX1111', extra: spaced }) }],
  ])(
    'refuses a token whose %s claim carries an unmasked card number (case %#)',
    async (claim, extra) => {
      const error = await verify(await signTransientToken(keys, extra)).catch((caught) => caught)
      expect(error).toMatchObject({
        reason: 'claim-invalid',
        claim,
        code: 'ERR_FLEX_TOKEN_INVALID',
      })
      expectNoSensitiveData(error)
      expectNoSensitiveData(String(error.message))
    },
  )

  it('keeps a content claim with a well-formed masked number, its BIN and the card type', async () => {
    const token = await verify(
      await signTransientToken(keys, {
        content: {
          paymentInformation: {
            card: {
              number: { maskedValue: 'XXXXXXXXXXXX1111', bin: '411111' },
              type: { value: '001' },
            },
          },
        },
      }),
    )
    expect(token.card).toEqual({ maskedNumber: 'XXXXXXXXXXXX1111', bin: '411111', type: '001' })
  })

  it('imports the one-time key once per capture context and never fetches', async () => {
    const context = await verifyCaptureContext(await signCaptureContext(keys), {
      keys: resolver,
      currentDate: AT_NOW,
    })
    const importKey = vi.spyOn(crypto.subtle, 'importKey')
    const fetch = vi.spyOn(globalThis, 'fetch')
    const jwt = await signTransientToken(keys)
    await Promise.all(Array.from({ length: 10 }, () => verify(jwt, context)))
    await verify(jwt, context)
    expect(importKey).toHaveBeenCalledTimes(1)
    expect(fetch).not.toHaveBeenCalled()
  })

  it('refuses a token signed for another capture context (kid differs) without a key lookup', async () => {
    const jwt = await signTransientToken(keys, {}, { kid: 'someOtherKid', alg: 'RS256' })
    await expect(verify(jwt)).rejects.toMatchObject({
      reason: 'capture-context-mismatch',
      code: 'ERR_FLEX_TOKEN_INVALID',
      claim: 'kid',
      message:
        "the transient token was not issued for this capture context (its kid is not the capture context's key)",
    })
  })

  it('refuses a token signed by another key under the right kid', async () => {
    const jwt = await signJws(
      { kid: ONE_TIME_KID, alg: 'RS256' },
      { iss: 'Flex/00', jti: 'x', type: 't', iat: NOW, exp: NOW + 900 },
      keys.longTerm.privateKey,
    )
    await expect(verify(jwt)).rejects.toMatchObject({ reason: 'bad-signature' })
  })

  it('refuses a look-alike capture context carrying an attacker key, however it was made', async () => {
    const attacker = await generateRsaKeyPair({ kid: ONE_TIME_KID })
    const { kty, e, n } = attacker.publicJwk
    const encryptionKey = { kty, e, n, kid: ONE_TIME_KID, use: 'enc' } as const
    const jwt = await signJws(
      { kid: ONE_TIME_KID, alg: 'RS256' },
      { iss: 'Flex/00', jti: 'forged', type: 'api-0.1.0', iat: NOW, exp: NOW + 900 },
      attacker.privateKey,
    )
    const lookAlikes: unknown[] = [
      { ...captureContext, encryptionKey },
      Object.freeze({ ...captureContext, encryptionKey: Object.freeze(encryptionKey) }),
      structuredClone({ ...captureContext, encryptionKey }),
    ]
    for (const lookAlike of lookAlikes) {
      await expect(verify(jwt, lookAlike as CaptureContext)).rejects.toMatchObject({
        name: 'TypeError',
        code: 'ERR_INVALID_ARG_VALUE',
      })
    }
  })

  it('refuses a JSON round trip of a real capture context with a message saying what to pass', async () => {
    const copy = JSON.parse(JSON.stringify(captureContext)) as CaptureContext
    const error = await verify(await signTransientToken(keys), copy).catch((thrown) => thrown)
    expect(error).toBeInstanceOf(TypeError)
    expect(error.code).toBe('ERR_INVALID_ARG_VALUE')
    expect(error.message).toBe(
      'verifyTransientToken: options.captureContext must be the object verifyCaptureContext returned (not a copy, nor one rebuilt from JSON)',
    )
    await expect(verify(await signTransientToken(keys))).resolves.toMatchObject({
      type: 'api-0.1.0',
    })
  })

  it.each([
    ['iss', { iss: 'Flex/0' }],
    ['iss', { iss: 'Flex/000' }],
    ['jti', { jti: '' }],
    ['jti', { jti: undefined }],
    ['type', { type: 5 }],
    ['data', { data: 'x' }],
    ['content', { content: [] }],
    ['iat', { iat: undefined }],
  ])('refuses a bad %s claim', async (claim, overrides) => {
    await expect(verify(await signTransientToken(keys, overrides))).rejects.toMatchObject({
      reason: 'claim-invalid',
      claim,
    })
  })

  it('refuses expired and future tokens', async () => {
    await expect(
      verify(await signTransientToken(keys, { iat: NOW - 2000, exp: NOW - 1000 })),
    ).rejects.toMatchObject({
      reason: 'expired',
      code: 'ERR_FLEX_TOKEN_EXPIRED',
      message: 'the transient token has expired; capture the card again',
    })
    await expect(
      verify(await signTransientToken(keys, { iat: NOW + 600, exp: NOW + 1500 })),
    ).rejects.toMatchObject({ reason: 'not-yet-valid' })
  })

  it.each([
    ['exp', { exp: 1e20 }],
    ['exp', { exp: NOW + 86_401 }],
    ['exp', { exp: NOW + 900.5 }],
    ['iat', { iat: 2 ** 53 }],
    ['exp', { iat: NOW - 86_400, exp: NOW + 60 }],
  ])('refuses an absurd or unsafe %s claim', async (claim, overrides) => {
    await expect(verify(await signTransientToken(keys, overrides))).rejects.toMatchObject({
      reason: 'claim-invalid',
      claim,
    })
  })

  it('throws a usage error without a capture context or with a bad option', async () => {
    const jwt = await signTransientToken(keys)
    for (const options of [
      {},
      null,
      { captureContext: undefined },
      { captureContext, clockTolerance: 1e12 },
      { captureContext, currentDate: () => 'now' },
    ]) {
      await expect(verifyTransientToken(jwt, options as never)).rejects.toMatchObject({
        name: 'TypeError',
        code: 'ERR_INVALID_ARG_VALUE',
      })
    }
  })
})

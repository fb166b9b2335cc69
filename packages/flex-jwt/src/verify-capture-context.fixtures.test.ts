import { readFileSync } from 'node:fs'
import type { CaptureContext } from 'flex-types'
import { expectNoSensitiveData } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { createPublicKeyResolver } from './create-public-key-resolver.js'
import { decodeTokenUnverified } from './decode-token-unverified.js'
import { serveKeys } from './test/tokens.js'
import { checkCaptureContextClaims, verifyCaptureContext } from './verify-capture-context.js'
import { verifyTransientToken } from './verify-transient-token.js'

interface Sample {
  id: number
  kind: string
  value: unknown
  notes: string
}

const samples: Sample[] = JSON.parse(
  readFileSync(
    new URL(
      '../../../tooling/test-vectors/cybersource/cybersource-docs-samples.json',
      import.meta.url,
    ),
    'utf8',
  ),
)
const byId = (id: number): Sample => samples.find((sample) => sample.id === id) as Sample
const publicKey3g = byId(4).value as Record<string, unknown>
const captureContexts3g = samples.filter(
  (sample) =>
    sample.kind.startsWith('capture-context-jwt') &&
    sample.notes.includes('VERIFIES with the 3g key'),
)
const snContext = byId(7).value as string
const transientToken = byId(20).value as string

function at(jwt: string, offsetSeconds: number, claim: 'iat' | 'exp'): Date {
  return new Date(((decodeTokenUnverified(jwt).claims[claim] as number) + offsetSeconds) * 1000)
}

/** One base64url character of the signature changed (a changed byte). */
function changeOneByte(jwt: string): string {
  const index = jwt.length - 10
  const replacement = jwt[index] === 'A' ? 'B' : 'A'
  return `${jwt.slice(0, index)}${replacement}${jwt.slice(index + 1)}`
}

/**
 * The sn signing key is not public: the context's claims are checked as verifyCaptureContext
 * checks them, but its signature cannot be, so this test alone trusts it.
 */
function unverifiedContext(jwt: string): CaptureContext {
  const { claims } = decodeTokenUnverified(jwt)
  return checkCaptureContextClaims(jwt, 'sn', claims, {
    now: (claims.iat as number) + 60,
    tolerance: 60,
  })
}

describe('real Cybersource tokens from the documentation', () => {
  it('has the fixtures the notes describe', () => {
    expect(captureContexts3g.map((sample) => sample.id)).toEqual([5, 6])
    expect(byId(20).notes).toContain('Signature VERIFIES')
  })

  for (const sample of captureContexts3g) {
    describe(`capture context #${sample.id} (mf, kid 3g)`, () => {
      const jwt = sample.value as string
      const keys = createPublicKeyResolver({
        environment: 'test',
        fetch: serveKeys({ '3g': publicKey3g }),
      })

      it('verifies at iat + 60 s with the 3g key fetched from /public-keys', async () => {
        const context = await verifyCaptureContext(jwt, { keys, currentDate: at(jwt, 60, 'iat') })
        expect(context).toMatchObject({
          jwt,
          kid: '3g',
          type: 'mf-0.11.0',
          tokensUrl: 'https://testflex.cybersource.com/flex/v2/tokens',
          requiredFields: [],
          optionalFields: [],
        })
        expect(context.encryptionKey).toMatchObject({ kty: 'RSA', e: 'AQAB', use: 'enc' })
        expect(context.expiresAt.getTime() - context.issuedAt.getTime()).toBe(900_000)
        expect(context.claims.ctx[0]?.data).toHaveProperty('targetOrigins')
      })

      it('exposes its Microform data: origins, and no script (0.11 loads a fixed URL)', async () => {
        const context = await verifyCaptureContext(jwt, { keys, currentDate: at(jwt, 60, 'iat') })
        const { targetOrigins } = (context.claims.ctx[0]?.data ?? {}) as { targetOrigins: string[] }
        expect(targetOrigins.length).toBeGreaterThan(0)
        expect(context.data).toEqual({
          kind: 'microform',
          clientLibrary: undefined,
          clientLibraryIntegrity: undefined,
          targetOrigins,
          allowedCardNetworks: [],
          allowedPaymentTypes: [],
        })
      })

      it('verifies with the 3g key pinned, without any fetch', async () => {
        const pinned = createPublicKeyResolver({ pinnedKeys: [publicKey3g as never] })
        await expect(
          verifyCaptureContext(jwt, { keys: pinned, currentDate: at(jwt, 60, 'iat') }),
        ).resolves.toBeDefined()
      })

      it('is refused at exp + 600 s as expired', async () => {
        const error = await verifyCaptureContext(jwt, {
          keys,
          currentDate: at(jwt, 600, 'exp'),
        }).catch((thrown) => thrown)
        expect(error).toMatchObject({ reason: 'expired', code: 'ERR_FLEX_CAPTURE_CONTEXT_EXPIRED' })
        expectNoSensitiveData(error, [jwt.split('.')[1] as string])
      })

      it('is refused with one changed byte', async () => {
        const error = await verifyCaptureContext(changeOneByte(jwt), {
          keys,
          currentDate: at(jwt, 60, 'iat'),
        }).catch((thrown) => thrown)
        expect(error).toMatchObject({ reason: 'bad-signature', code: 'ERR_FLEX_TOKEN_INVALID' })
      })
    })
  }

  describe('the api-0.1.0 transient token #20 with the flx.jwk of capture context #7', () => {
    const captureContext = unverifiedContext(snContext)

    it('verifies at iat + 60 s', async () => {
      const token = await verifyTransientToken(transientToken, {
        captureContext,
        currentDate: at(transientToken, 60, 'iat'),
      })
      expect(token).toMatchObject({
        jwt: transientToken,
        jti: '1D0V31P1KLE3W7SVJBYTM8UG1XM2KIOEHIVWAIDOJHK62IHT1QQ5603FC760609C',
        type: 'api-0.1.0',
      })
      expect(token.card).toBeUndefined()
      expect(token.expiresAt.getTime() - token.issuedAt.getTime()).toBe(900_000)
    })

    it('is refused at exp + 600 s and with one changed byte', async () => {
      await expect(
        verifyTransientToken(transientToken, {
          captureContext,
          currentDate: at(transientToken, 600, 'exp'),
        }),
      ).rejects.toMatchObject({ reason: 'expired' })
      await expect(
        verifyTransientToken(changeOneByte(transientToken), {
          captureContext,
          currentDate: at(transientToken, 60, 'iat'),
        }),
      ).rejects.toMatchObject({ reason: 'bad-signature' })
    })

    it('the sn capture context is refused: its signing key is not public', async () => {
      const keys = createPublicKeyResolver({
        environment: 'test',
        fetch: serveKeys({ '3g': publicKey3g }),
      })
      await expect(
        verifyCaptureContext(snContext, { keys, currentDate: at(snContext, 60, 'iat') }),
      ).rejects.toMatchObject({ reason: 'key-not-found', kid: 'sn' })
      // And the 3g key does not verify it either (a key served under the wrong kid is refused).
      const wrong = createPublicKeyResolver({
        pinnedKeys: [{ ...publicKey3g, kid: 'sn' } as never],
      })
      await expect(
        verifyCaptureContext(snContext, { keys: wrong, currentDate: at(snContext, 60, 'iat') }),
      ).rejects.toMatchObject({ reason: 'bad-signature' })
    })

    it('a capture context is not accepted as a transient token, nor the reverse', async () => {
      const keys = createPublicKeyResolver({ pinnedKeys: [publicKey3g as never] })
      const mf = captureContexts3g[0]?.value as string
      await expect(
        verifyTransientToken(mf, { captureContext, currentDate: at(mf, 60, 'iat') }),
      ).rejects.toMatchObject({ reason: 'wrong-token-kind' })
      await expect(
        verifyCaptureContext(transientToken, { keys, currentDate: at(transientToken, 60, 'iat') }),
      ).rejects.toMatchObject({ reason: 'wrong-token-kind' })
    })
  })
})

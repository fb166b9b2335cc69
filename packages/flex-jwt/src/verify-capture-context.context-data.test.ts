// The typed ctx[0].data of each context type (docs/protocol.md section 15.5), and the Microform
// round trip: an mf-2.0.0 transient token verified with the flx.jwk of its mf-2.0.0 context.
import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { createPublicKeyResolver, type PublicKeyResolver } from './create-public-key-resolver.js'
import type { VerifiedCaptureContext } from './read-context-data.js'
import {
  AT_NOW,
  createTestKeys,
  signCaptureContext,
  signTransientToken,
  type TestKeys,
} from './test/tokens.js'
import { verifyCaptureContext } from './verify-capture-context.js'
import { verifyTransientToken } from './verify-transient-token.js'

const LIBRARY = 'https://testflex.cybersource.com/microform/bundle/v2.0/flex-microform.min.js'
const INTEGRITY = `sha256-${createHash('sha256').update('the library').digest('base64')}`
const UC_LIBRARY = 'https://testup.cybersource.com/uc/v1/assets/0.33/SecureAcceptance.js'

let keys: TestKeys
let resolver: PublicKeyResolver

beforeAll(async () => {
  keys = await createTestKeys()
  resolver = createPublicKeyResolver({ pinnedKeys: [keys.longTerm.publicJwk as never] })
})

async function verifyContext(type: string, data: Record<string, unknown>) {
  const jwt = await signCaptureContext(keys, { ctx: [{ type, data }] })
  return verifyCaptureContext(jwt, { keys: resolver, currentDate: AT_NOW })
}

describe('verifyCaptureContext: typed context data', () => {
  it('gives a Microform v2 context its script, integrity, origins, networks and types', async () => {
    const context = await verifyContext('mf-2.0.0', {
      clientLibrary: LIBRARY,
      clientLibraryIntegrity: INTEGRITY,
      targetOrigins: ['https://shop.example', 'http://localhost:3000'],
      mfOrigin: 'https://testflex.cybersource.com',
      allowedCardNetworks: ['VISA', 'MASTERCARD'],
      allowedPaymentTypes: ['CARD'],
    })
    expect(context.data).toEqual({
      kind: 'microform',
      clientLibrary: LIBRARY,
      clientLibraryIntegrity: INTEGRITY,
      targetOrigins: ['https://shop.example', 'http://localhost:3000'],
      allowedCardNetworks: ['VISA', 'MASTERCARD'],
      allowedPaymentTypes: ['CARD'],
    })
    expect(Object.isFrozen(context.data)).toBe(true)
    if (context.data.kind === 'microform') {
      expect(Object.isFrozen(context.data.targetOrigins)).toBe(true)
    }
  })

  it('gives a Unified Checkout context what its script needs', async () => {
    for (const type of ['gda-0.10.0', 'uc-1.0.0']) {
      const context = await verifyContext(type, {
        clientLibrary: UC_LIBRARY,
        clientLibraryIntegrity: INTEGRITY,
        targetOrigins: ['https://shop.example'],
        allowedCardNetworks: ['VISA'],
        allowedPaymentTypes: ['PANENTRY', 'CLICKTOPAY'],
        country: 'US',
        locale: 'en_US',
        serviceOrigin: 'https://testup.cybersource.com',
      })
      expect(context.data).toEqual({
        kind: 'unified-checkout',
        clientLibrary: UC_LIBRARY,
        clientLibraryIntegrity: INTEGRITY,
        targetOrigins: ['https://shop.example'],
        allowedCardNetworks: ['VISA'],
        allowedPaymentTypes: ['PANENTRY', 'CLICKTOPAY'],
        country: 'US',
        locale: 'en_US',
      })
    }
  })

  it('narrows on data.kind (checked by tsc)', async () => {
    const context: VerifiedCaptureContext = await verifyContext('mf-2.0.0', {
      clientLibrary: LIBRARY,
      clientLibraryIntegrity: INTEGRITY,
    })
    const page =
      context.data.kind === 'microform'
        ? { src: context.data.clientLibrary, integrity: context.data.clientLibraryIntegrity }
        : undefined
    expect(page).toEqual({ src: LIBRARY, integrity: INTEGRITY })
  })

  it('takes sha384 and sha512 values, and a loopback http script (the emulator)', async () => {
    for (const integrity of [
      `sha384-${createHash('sha384').update('x').digest('base64')}`,
      `sha512-${createHash('sha512').update('x').digest('base64')}`,
    ]) {
      const context = await verifyContext('mf-2.0.0', {
        clientLibrary: 'http://127.0.0.1:4010/microform/v2/flex-microform.js',
        clientLibraryIntegrity: integrity,
      })
      expect(context.data).toMatchObject({ kind: 'microform', clientLibraryIntegrity: integrity })
    }
  })

  it('keeps the Flex API kind and the field lists of api-* contexts', async () => {
    const context = await verifyContext('api-0.1.0', {
      requiredFields: ['paymentInformation.card.number'],
    })
    expect(context.data).toEqual({ kind: 'flex-api' })
    expect(context.requiredFields).toEqual(['paymentInformation.card.number'])
  })

  it('leaves a context type it does not know as data in the claims', async () => {
    const context = await verifyContext('zz-9.9.9', { clientLibrary: 'http://anything' })
    expect(context.data).toEqual({ kind: 'other' })
    expect(context.claims.ctx[0]?.data).toEqual({ clientLibrary: 'http://anything' })
  })
})

describe('a Microform transient token', () => {
  it('verifies with the flx.jwk of its mf-2.0.0 context, and with nothing else', async () => {
    const captureContext = await verifyContext('mf-2.0.0', {
      clientLibrary: LIBRARY,
      clientLibraryIntegrity: INTEGRITY,
      targetOrigins: ['https://shop.example'],
    })
    const content = {
      paymentInformation: {
        card: { number: { maskedValue: 'XXXXXXXXXXXX1111', bin: '411111' } },
      },
    }
    const jwt = await signTransientToken(keys, { iss: 'Flex/08', type: 'mf-2.0.0', content })
    const token = await verifyTransientToken(jwt, { captureContext, currentDate: AT_NOW })
    expect(token).toMatchObject({ type: 'mf-2.0.0', card: { maskedNumber: 'XXXXXXXXXXXX1111' } })

    const otherKeys = await createTestKeys()
    const signedElsewhere = await signTransientToken(otherKeys, {
      iss: 'Flex/08',
      type: 'mf-2.0.0',
    })
    await expect(
      verifyTransientToken(signedElsewhere, { captureContext, currentDate: AT_NOW }),
    ).rejects.toMatchObject({ reason: 'bad-signature' })
  })
})

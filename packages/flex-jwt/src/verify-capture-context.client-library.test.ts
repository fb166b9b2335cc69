// A capture context names the script the checkout page loads: one that points anywhere but an
// https URL, or whose SRI value is malformed, is refused with a typed reason, never loaded.
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { renderThrown } from 'test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { createPublicKeyResolver, type PublicKeyResolver } from './create-public-key-resolver.js'
import { FlexVerificationError } from './errors.js'
import { AT_NOW, createTestKeys, signCaptureContext, type TestKeys } from './test/tokens.js'
import { verifyCaptureContext } from './verify-capture-context.js'

const GOOD_LIBRARY = 'https://testflex.cybersource.com/microform/bundle/v2.0/flex-microform.min.js'
const GOOD_INTEGRITY = `sha256-${createHash('sha256').update('library').digest('base64')}`
const TYPES = ['mf-2.0.0', 'gda-0.10.0'] as const

let keys: TestKeys
let resolver: PublicKeyResolver

beforeAll(async () => {
  keys = await createTestKeys()
  resolver = createPublicKeyResolver({ pinnedKeys: [keys.longTerm.publicJwk as never] })
})

async function refusal(type: string, data: Record<string, unknown>) {
  const jwt = await signCaptureContext(keys, { ctx: [{ type, data }] })
  return verifyCaptureContext(jwt, { keys: resolver, currentDate: AT_NOW }).then(
    () => undefined,
    (error: unknown) => error,
  )
}

function expectRefused(error: unknown, claim: string, secret: unknown) {
  expect(FlexVerificationError.isInstance(error)).toBe(true)
  expect(error).toMatchObject({ code: 'ERR_FLEX_TOKEN_INVALID', reason: 'claim-invalid', claim })
  // Short values (`sha256-`) may be words of the fixed message itself.
  if (typeof secret === 'string' && secret.length > 12) {
    expect(renderThrown(error)).not.toContain(secret)
  }
}

const notHttps = fc.oneof(
  fc.domain().map((host) => `http://${host}/flex-microform.min.js`),
  fc.constantFrom(
    'http://evil.example/flex-microform.min.js',
    'javascript:alert(1)',
    'data:text/javascript,alert(1)',
    'blob:https://evil.example/0',
    'ftp://evil.example/x.js',
    '//evil.example/x.js',
    '/microform/bundle/x.js',
    'https://user:pass@evil.example/x.js',
    'https://',
    '',
  ),
  fc.webUrl().filter((url) => !url.startsWith('https:')),
  fc.string(),
  fc.integer(),
  fc.constant(null),
)

const SRI = /^(?:sha256-[A-Za-z0-9+/]{43}=|sha384-[A-Za-z0-9+/]{64}|sha512-[A-Za-z0-9+/]{86}==)$/
const malformedIntegrity = fc.oneof(
  fc.constantFrom(
    `sha1-${createHash('sha1').update('x').digest('base64')}`,
    `md5-${createHash('md5').update('x').digest('base64')}`,
    GOOD_INTEGRITY.slice(0, -2),
    `${GOOD_INTEGRITY}?ct=application/javascript`,
    `${GOOD_INTEGRITY} ${GOOD_INTEGRITY}`,
    `SHA256-${GOOD_INTEGRITY.slice(7)}`,
    GOOD_INTEGRITY.replace('=', ''),
    `sha256-${createHash('sha256').update('x').digest('base64url')}`,
    `sha256-${createHash('sha256').update('x').digest('hex')}`,
    'sha256-',
  ),
  fc.string().filter((value) => !SRI.test(value)),
  fc
    .base64String()
    .map((value) => `sha384-${value}`)
    .filter((value) => !SRI.test(value)),
  fc.integer(),
  fc.constant(null),
)

describe('verifyCaptureContext refuses a script the page must not load', () => {
  it.each(TYPES)('%s: a clientLibrary that is not an https URL', async (type) => {
    await fc.assert(
      fc.asyncProperty(notHttps, async (clientLibrary) => {
        const error = await refusal(type, { clientLibrary, clientLibraryIntegrity: GOOD_INTEGRITY })
        expectRefused(error, 'ctx.data.clientLibrary', clientLibrary)
      }),
      { numRuns: 40 },
    )
  })

  it.each(TYPES)('%s: a malformed clientLibraryIntegrity', async (type) => {
    await fc.assert(
      fc.asyncProperty(malformedIntegrity, async (clientLibraryIntegrity) => {
        const error = await refusal(type, { clientLibrary: GOOD_LIBRARY, clientLibraryIntegrity })
        expectRefused(error, 'ctx.data.clientLibraryIntegrity', clientLibraryIntegrity)
      }),
      { numRuns: 40 },
    )
  })

  it('a Microform integrity without its script, and a Unified Checkout context without a script', async () => {
    expectRefused(
      await refusal('mf-2.0.0', { clientLibraryIntegrity: GOOD_INTEGRITY }),
      'ctx.data.clientLibrary',
      undefined,
    )
    expectRefused(
      await refusal('mf-2.0.0', { clientLibrary: GOOD_LIBRARY }),
      'ctx.data.clientLibraryIntegrity',
      undefined,
    )
    expectRefused(await refusal('gda-0.10.0', {}), 'ctx.data.clientLibrary', undefined)
  })

  it('lists that are not short lists of names or origins', async () => {
    for (const [data, claim] of [
      [{ allowedCardNetworks: 'VISA' }, 'ctx.data.allowedCardNetworks'],
      [{ allowedCardNetworks: ['VISA', 'V I S A'] }, 'ctx.data.allowedCardNetworks'],
      [{ allowedPaymentTypes: Array(65).fill('CARD') }, 'ctx.data.allowedPaymentTypes'],
      [{ targetOrigins: [42] }, 'ctx.data.targetOrigins'],
    ] as const) {
      expectRefused(await refusal('mf-2.0.0', data), claim, undefined)
    }
  })

  it('accepts every well-formed digest of the three algorithms', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 64 }),
        fc.constantFrom('sha256', 'sha384', 'sha512'),
        async (bytes, algorithm) => {
          const integrity = `${algorithm}-${createHash(algorithm).update(bytes).digest('base64')}`
          const error = await refusal('mf-2.0.0', {
            clientLibrary: GOOD_LIBRARY,
            clientLibraryIntegrity: integrity,
          })
          expect(error).toBeUndefined()
        },
      ),
      { numRuns: 30 },
    )
  })
})

import { createFakeFetch, type FakeFetch, generateRsaKeyPair, type RsaKeyPair } from 'test-utils'

/** The clock of the generated tokens, in seconds. */
export const NOW = 1_700_000_000
export const AT_NOW: Date = new Date(NOW * 1000)
export const ONE_TIME_KID = '01AbCdEfGhIjKlMnOpQrStUvWxYz2345'
export const TEST_ORIGIN = 'https://apitest.cybersource.com'

export function encodeSegment(value: unknown): string {
  const bytes =
    value instanceof Uint8Array ? Buffer.from(value) : Buffer.from(JSON.stringify(value), 'utf8')
  return bytes.toString('base64url')
}

/** Signs any header and payload with RS256 (no checks: attacks need odd headers). */
export async function signJws(
  header: Record<string, unknown>,
  payload: unknown,
  privateKey: CryptoKey,
): Promise<string> {
  const input = `${encodeSegment(header)}.${encodeSegment(payload)}`
  const signature = await crypto.subtle.sign(
    'RSASSA-PKCS1-v1_5',
    privateKey,
    new TextEncoder().encode(input),
  )
  return `${input}.${Buffer.from(signature).toString('base64url')}`
}

export interface TestKeys {
  longTerm: RsaKeyPair
  oneTime: RsaKeyPair
  /** The one-time key as Cybersource puts it in `flx.jwk`. */
  oneTimeJwk: Record<string, unknown>
}

export async function createTestKeys(kid = 'zu'): Promise<TestKeys> {
  const [longTerm, oneTime] = await Promise.all([
    generateRsaKeyPair({ kid }),
    generateRsaKeyPair({ kid: ONE_TIME_KID }),
  ])
  const { kty, e, n } = oneTime.publicJwk
  return { longTerm, oneTime, oneTimeJwk: { kty, e, use: 'enc', n, kid: ONE_TIME_KID } }
}

export function captureContextClaims(
  oneTimeJwk: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    flx: {
      path: '/flex/v2/tokens',
      data: 'c2VhbGVkIHNlc3Npb24gc3RhdGU\u003d',
      origin: 'https://testflex.cybersource.com',
      jwk: oneTimeJwk,
    },
    ctx: [
      {
        type: 'api-0.1.0',
        data: {
          requiredFields: ['paymentInformation.card.number'],
          optionalFields: ['paymentInformation.card.securityCode', 'orderInformation.billTo.email'],
        },
      },
    ],
    iss: 'Flex API',
    exp: NOW + 900,
    iat: NOW,
    jti: 'zHmmgnni5h7zmtf4',
    ...overrides,
  }
}

export function transientTokenClaims(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    iss: 'Flex/00',
    exp: NOW + 900,
    type: 'api-0.1.0',
    iat: NOW,
    jti: '1D0V31P1KLE3W7SVJBYTM8UG1XM2KIOEHIVWAIDOJHK62IHT1QQ5603FC760609C',
    ...overrides,
  }
}

export async function signCaptureContext(
  keys: TestKeys,
  overrides: Record<string, unknown> = {},
  header: Record<string, unknown> = { kid: 'zu', alg: 'RS256' },
): Promise<string> {
  return signJws(header, captureContextClaims(keys.oneTimeJwk, overrides), keys.longTerm.privateKey)
}

export async function signTransientToken(
  keys: TestKeys,
  overrides: Record<string, unknown> = {},
  header: Record<string, unknown> = { kid: ONE_TIME_KID, alg: 'RS256' },
): Promise<string> {
  return signJws(header, transientTokenClaims(overrides), keys.oneTime.privateKey)
}

/** A fake fetch serving `/flex/v2/public-keys/{kid}` from a map of JWKs, 404 otherwise. */
export function serveKeys(jwks: Record<string, unknown>): FakeFetch {
  return createFakeFetch((request) => {
    const kid = decodeURIComponent(new URL(request.url).pathname.split('/').pop() ?? '')
    const jwk = Object.hasOwn(jwks, kid) ? jwks[kid] : undefined
    return jwk === undefined
      ? new Response('{"message":"not found"}', { status: 404 })
      : Response.json(jwk)
  })
}

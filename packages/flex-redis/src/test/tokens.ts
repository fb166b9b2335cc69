import { generateRsaKeyPair, type RsaKeyPair } from 'test-utils'

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

async function sign(header: object, payload: object, privateKey: CryptoKey): Promise<string> {
  const input = `${encode(header)}.${encode(payload)}`
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', privateKey, Buffer.from(input))
  return `${input}.${Buffer.from(signature).toString('base64url')}`
}

/** A long-term key (kid `zu` by default) and a one-time key, and tokens signed with them at `now` (s). */
export interface TestIssuer {
  longTerm: RsaKeyPair
  captureContext(now: number): Promise<string>
  transientToken(now: number, jti: string): Promise<string>
}

/** Creates an issuer of capture contexts (each with a one-time key `oneTimeKid`) and tokens. */
export async function createTestIssuer(
  oneTimeKid: string,
  longTermKid = 'zu',
): Promise<TestIssuer> {
  const [longTerm, oneTime] = await Promise.all([
    generateRsaKeyPair({ kid: longTermKid }),
    generateRsaKeyPair({ kid: oneTimeKid }),
  ])
  const { kty, e, n } = oneTime.publicJwk
  return {
    longTerm,
    captureContext: (now) =>
      sign(
        { kid: longTermKid, alg: 'RS256' },
        {
          flx: {
            path: '/flex/v2/tokens',
            data: 'c2VhbGVk',
            origin: 'https://testflex.cybersource.com',
            jwk: { kty, e, n, use: 'enc', kid: oneTimeKid },
          },
          ctx: [{ type: 'api-0.1.0', data: { requiredFields: [], optionalFields: [] } }],
          iss: 'Flex API',
          iat: now,
          exp: now + 900,
        },
        longTerm.privateKey,
      ),
    transientToken: (now, jti) =>
      sign(
        { kid: oneTimeKid, alg: 'RS256' },
        { iss: 'Flex/00', type: 'api-0.1.0', iat: now, exp: now + 900, jti },
        oneTime.privateKey,
      ),
  }
}

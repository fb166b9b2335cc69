import { createCipheriv, randomBytes } from 'node:crypto'
import type { FlexFieldPath } from 'flex-types'
import type { RsaJwkPair } from './key-pool.js'
import { randomAlphanumeric } from './random-id.js'
import { signCompactRs256 } from './sign-compact-rs256.js'
import type { SigningKey } from './signing-key-ring.js'

/** Everything the emulator remembers about a capture context it issued. */
export interface CaptureContextRecord {
  jwt: string
  jti: string
  /** The one-time key id (`flx.jwk.kid`), 32 alphanumerics. */
  kid: string
  keys: RsaJwkPair
  type: string
  merchantId: string
  requiredFields: FlexFieldPath[]
  optionalFields: FlexFieldPath[]
  /** Seconds since the epoch, on the emulator clock. */
  issuedAt: number
  expiresAt: number
  uses: number
}

/** What a capture context is made from. */
export interface IssueCaptureContextInput {
  signingKey: SigningKey
  keys: RsaJwkPair
  origin: string
  merchantId: string
  requiredFields: FlexFieldPath[]
  optionalFields: FlexFieldPath[]
  now: Date
  /** The AES-256 key that seals `flx.data`. */
  sealKey: Uint8Array
  /** `ctx[0]` of a Microform or Unified Checkout context; default an `api-0.1.0` one. */
  context?: { type: string; data: Record<string, unknown> }
}

const CAPTURE_CONTEXT_LIFETIME_SECONDS = 900

function seal(sealKey: Uint8Array, state: object): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', sealKey, iv)
  const sealed = Buffer.concat([cipher.update(JSON.stringify(state), 'utf8'), cipher.final()])
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64')
}

/**
 * Signs a capture context exactly as docs/protocol.md sections 2 and 16 show it: header `{kid, alg}`,
 * claims `flx`, `ctx`, `iss`, `exp`, `iat`, `jti` in that order, member orders as in real ones.
 */
export async function issueCaptureContext(
  input: IssueCaptureContextInput,
): Promise<CaptureContextRecord> {
  const kid = randomAlphanumeric(32)
  const jti = randomAlphanumeric(16)
  const issuedAt = Math.floor(input.now.getTime() / 1000)
  const expiresAt = issuedAt + CAPTURE_CONTEXT_LIFETIME_SECONDS
  const type = input.context?.type ?? 'api-0.1.0'
  const data = input.context?.data ?? {
    requiredFields: input.requiredFields,
    optionalFields: input.optionalFields,
  }
  const { n, e } = input.keys.publicJwk
  const claims = {
    flx: {
      path: '/flex/v2/tokens',
      data: seal(input.sealKey, { jti, kid, merchantId: input.merchantId }),
      origin: input.origin,
      jwk: { kty: 'RSA', e, use: 'enc', n, kid },
    },
    ctx: [{ data, type }],
    iss: 'Flex API',
    exp: expiresAt,
    iat: issuedAt,
    jti,
  }
  // Cybersource's JSON encoder escapes '=' (only ever inside strings) as \u003d.
  const payload = JSON.stringify(claims).replaceAll('=', '\\u003d')
  const jwt = await signCompactRs256(
    { kid: input.signingKey.kid, alg: 'RS256' },
    payload,
    input.signingKey.keys.privateKey,
  )
  return {
    jwt,
    jti,
    kid,
    keys: input.keys,
    type,
    merchantId: input.merchantId,
    requiredFields: input.requiredFields,
    optionalFields: input.optionalFields,
    issuedAt,
    expiresAt,
    uses: 0,
  }
}

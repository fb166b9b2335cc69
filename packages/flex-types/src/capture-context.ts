import type { FlexFieldPath } from './flex-field-paths.js'

/** A public RSA JWK as Cybersource serves it (`/public-keys/{kid}` and `flx.jwk`). */
export interface FlexPublicJwk {
  kty: 'RSA'
  n: string
  e: string
  kid?: string
  use?: string
  alg?: string
}

/** One entry of a capture context's `ctx` claim. */
export interface CaptureContextEntry {
  /** `api-0.1.0` for Flex API sessions, `mf-*` for Microform, `gda-*` for Unified Checkout. */
  type: string
  data: Record<string, unknown>
}

/** The claims of a capture context JWT (docs/protocol.md section 2), extra members kept as data. */
export interface CaptureContextClaims {
  flx: {
    path: string
    data: string
    origin: string
    jwk: FlexPublicJwk
    [member: string]: unknown
  }
  ctx: CaptureContextEntry[]
  iss: string
  exp: number
  iat: number
  jti?: string
  [claim: string]: unknown
}

/**
 * A verified capture context, as flex-jwt's `verifyCaptureContext` returns it and flex-jwe's
 * `encryptPaymentData` takes it.
 */
export interface CaptureContext {
  /** The compact JWT as received; it goes into the encrypted payload unchanged. */
  jwt: string
  /** The `kid` of the long-term key that signed it. */
  kid: string
  /** The context type of `ctx[0].type`, e.g. `api-0.1.0`. */
  type: string
  claims: CaptureContextClaims
  /** The one-time public key of `flx.jwk`: the data is encrypted to it. */
  encryptionKey: FlexPublicJwk
  /** Where the JWE goes: `flx.origin + flx.path`. */
  tokensUrl: string
  /** Fields the data must contain (Flex API contexts; empty for other types). */
  requiredFields: readonly FlexFieldPath[]
  /** Fields the data may contain. */
  optionalFields: readonly FlexFieldPath[]
  issuedAt: Date
  expiresAt: Date
}

/**
 * A card network of `allowedCardNetworks` (Microform, Unified Checkout), as the service spells it
 * (docs/protocol.md section 15); a name this list does not know is still a string.
 */
export type CardNetworkName =
  | 'VISA'
  | 'MASTERCARD'
  | 'AMEX'
  | 'CARNET'
  | 'CARTESBANCAIRES'
  | 'CUP'
  | 'DINERSCLUB'
  | 'DISCOVER'
  | 'EFTPOS'
  | 'ELO'
  | 'JAYWAN'
  | 'JCB'
  | 'JCREW'
  | 'KCP'
  | 'MADA'
  | 'MAESTRO'
  | 'MEEZA'
  | 'PAYPAK'
  | 'UATP'
  | (string & {})

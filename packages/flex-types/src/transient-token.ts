/** The claims of a transient token JWT; Microform and Unified Checkout add `data` or `content`. */
export interface TransientTokenClaims {
  iss: string
  jti: string
  type: string
  iat: number
  exp: number
  data?: Record<string, unknown>
  content?: Record<string, unknown>
  metadata?: Record<string, unknown>
  [claim: string]: unknown
}

/** Masked card facts a transient token may carry. Never the full number. */
export interface MaskedCard {
  /** Masked like `411111XXXXXX1111`. */
  maskedNumber?: string
  bin?: string
  /** Cybersource card type code, e.g. `001` for Visa. */
  type?: string
  /** Card types the service detected from the BIN. */
  detectedTypes?: string[]
  expirationMonth?: string
  expirationYear?: string
  /** True when a security code was captured (its value never is in a token). */
  securityCodeCaptured?: boolean
}

/** A verified transient token, as flex-jwt's `verifyTransientToken` returns it. */
export interface TransientToken {
  jwt: string
  /** The 64-character token id that payments may use instead of the JWT. */
  jti: string
  /** The capture context type it came from. */
  type: string
  claims: TransientTokenClaims
  issuedAt: Date
  expiresAt: Date
  card?: MaskedCard
}

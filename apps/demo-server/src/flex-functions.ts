import type { StoredTransientToken } from 'flex-jwt'
import type { CaptureContext, PaymentData, SessionFields, TransientToken } from 'flex-types'

/** What the emulator remembers about a transient token it issued (flex-emulator). */
export interface EmulatorTokenRecord {
  jti: string
  maskedCard?: { bin?: string; lastFour?: string; maskedNumber?: string; brand?: string }
  fields?: unknown
  issuedAt?: Date | string | number
  expiresAt?: Date | string | number
}

/**
 * The SDK calls the flow is made of, already bound to their client, key resolver and emulator:
 * the app only wires them together, so tests and other setups can swap any of them.
 */
export interface FlexFunctions {
  /** flex-client `client.createSession(fields)`: the capture context JWT, not yet verified. */
  createSession: (fields: SessionFields) => Promise<string>
  /** flex-jwt `verifyCaptureContext(jwt, { keys })`. */
  verifyCaptureContext: (jwt: string) => Promise<CaptureContext>
  /** flex-jwe `encryptPaymentData(captureContext, data)`: the compact JWE. */
  encryptPaymentData: (captureContext: CaptureContext, data: PaymentData) => Promise<string>
  /** flex-client `client.createTransientToken(captureContext, jwe)`: the transient token JWT. */
  createTransientToken: (captureContext: CaptureContext, jwe: string) => Promise<string>
  /** flex-jwt `captureContexts.save(captureContext, { reference })`: kept for the whole fleet
   * until it expires, with the reference of the form it was made for. */
  saveCaptureContext: (captureContext: CaptureContext, reference: string) => Promise<void>
  /** flex-jwt `verifyTransientToken(jwt, { captureContexts })`: its capture context looked up
   * in the store by the kid the token names (saved by any server of the fleet), with its reference. */
  verifyTransientToken: (jwt: string) => Promise<StoredTransientToken>
  /** flex-jwt `captureContexts.consume(token)`: once across the fleet, before paying with it. */
  consumeTransientToken: (token: TransientToken) => Promise<void>
  /** flex-emulator `emulator.inspectTransientToken(jti)`; absent against Cybersource. */
  inspectTransientToken?: (
    jti: string,
  ) => EmulatorTokenRecord | undefined | Promise<EmulatorTokenRecord | undefined>
}

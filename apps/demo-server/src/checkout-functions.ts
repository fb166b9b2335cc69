import type { FlexClient, MicroformSessionOptions } from 'flex-client'
import { type PublicKeyResolver, type VerifiedCaptureContext, verifyCaptureContext } from 'flex-jwt'

/** The SDK calls of the customer checkout (Microform), bound to the demo's client and keys. */
export interface CheckoutFunctions {
  /** flex-client `client.createMicroformSession(options)`: the capture context JWT. */
  createMicroformSession: (options: MicroformSessionOptions) => Promise<string>
  /** flex-jwt `verifyCaptureContext(jwt, { keys })`, with its typed `data` (the library). */
  verifyCaptureContext: (jwt: string) => Promise<VerifiedCaptureContext>
}

/**
 * Binds the checkout's calls to the client and key resolver the terminal uses, so both modes
 * share one client and one public-key cache.
 *
 * @example
 * ```ts
 * const checkout = createCheckoutFunctions(client, createPublicKeyResolver({ origin }))
 * const jwt = await checkout.createMicroformSession({ targetOrigins: ['https://shop.example'] })
 * ```
 */
export function createCheckoutFunctions(
  client: Pick<FlexClient, 'createMicroformSession'>,
  keys: PublicKeyResolver,
): CheckoutFunctions {
  return {
    createMicroformSession: (options) => client.createMicroformSession(options),
    verifyCaptureContext: (jwt) => verifyCaptureContext(jwt, { keys }),
  }
}

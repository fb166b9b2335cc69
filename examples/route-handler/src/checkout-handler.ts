import { createFlexClient, type FlexClientOptions, isFlexError } from 'flex-client'
import { encryptPaymentData, FlexValidationError } from 'flex-jwe'
import { createPublicKeyResolver, verifyCaptureContext, verifyTransientToken } from 'flex-jwt'

/**
 * A web-standard `Request → Response` handler (Next.js route handlers, Remix actions, Deno,
 * Bun and workers all take this shape): card data in the JSON body, a verified transient token out.
 */
export function createCheckoutHandler(
  options: FlexClientOptions,
): (request: Request) => Promise<Response> {
  const client = createFlexClient(options)
  const keys = createPublicKeyResolver(
    options.origin === undefined
      ? { environment: options.environment ?? 'test' }
      : { origin: options.origin },
  )
  return async (request) => {
    const body: unknown = await request.json().catch(() => undefined)
    try {
      const captureContext = await verifyCaptureContext(
        await client.createSession([
          'paymentInformation.card.number',
          'paymentInformation.card.securityCode',
          'paymentInformation.card.expirationMonth',
          'paymentInformation.card.expirationYear',
        ]),
        { keys },
      )
      const jwe = await encryptPaymentData(captureContext, body as never)
      const jwt = await client.createTransientToken(captureContext, jwe)
      const token = await verifyTransientToken(jwt, { captureContext })
      return Response.json({ transientToken: token.jwt })
    } catch (error) {
      if (FlexValidationError.isInstance(error)) {
        const issues = error.issues.map(({ path, reason }) => ({ path, reason }))
        return Response.json({ issues }, { status: 422 })
      }
      if (isFlexError(error)) return Response.json({ error: error.code }, { status: 502 })
      throw error
    }
  }
}

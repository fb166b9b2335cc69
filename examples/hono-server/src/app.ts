import { createFlexClient, type FlexClientOptions, isFlexError } from 'flex-client'
import { encryptPaymentData, FlexValidationError } from 'flex-jwe'
import { createPublicKeyResolver, verifyCaptureContext, verifyTransientToken } from 'flex-jwt'
import { Hono } from 'hono'

/** Where Flex is and who the merchant is: `origin` for the emulator, else `environment`. */
export interface CheckoutConfig {
  flex: FlexClientOptions
}

/**
 * A Hono app with one route, `POST /checkout`: the card data of the body becomes a verified
 * transient token, the only thing the rest of your payment code ever sees.
 */
export function createApp(config: CheckoutConfig): Hono {
  const client = createFlexClient(config.flex)
  const keys = createPublicKeyResolver(
    config.flex.origin === undefined
      ? { environment: config.flex.environment ?? 'test' }
      : { origin: config.flex.origin },
  )
  const app = new Hono()
  app.post('/checkout', async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined)
    try {
      const jwt = await client.createSession([
        'paymentInformation.card.number',
        'paymentInformation.card.securityCode',
        'paymentInformation.card.expirationMonth',
        'paymentInformation.card.expirationYear',
      ])
      const captureContext = await verifyCaptureContext(jwt, { keys })
      const jwe = await encryptPaymentData(captureContext, body as never)
      const token = await verifyTransientToken(
        await client.createTransientToken(captureContext, jwe),
        { captureContext },
      )
      return c.json({ transientToken: token.jwt, expiresAt: token.expiresAt.toISOString() })
    } catch (error) {
      if (FlexValidationError.isInstance(error)) {
        // Paths and reasons only: an issue never holds the value.
        return c.json({ issues: error.issues.map(({ path, reason }) => ({ path, reason })) }, 422)
      }
      if (isFlexError(error)) return c.json({ error: error.code }, 502)
      throw error
    }
  })
  return app
}

import { createFlexClient, isFlexError } from 'flex-client'
import { encryptPaymentData, FlexValidationError } from 'flex-jwe'
import { createPublicKeyResolver, verifyCaptureContext, verifyTransientToken } from 'flex-jwt'

/** The Worker's bindings (wrangler.toml `[vars]` and secrets). */
export interface Env {
  FLEX_ORIGIN: string
  FLEX_MERCHANT_ID: string
  FLEX_KEY_ID: string
  FLEX_SHARED_SECRET: string
}

async function checkout(request: Request, env: Env): Promise<Response> {
  const client = createFlexClient({
    origin: env.FLEX_ORIGIN,
    credentials: {
      merchantId: env.FLEX_MERCHANT_ID,
      keyId: env.FLEX_KEY_ID,
      sharedSecret: env.FLEX_SHARED_SECRET,
    },
  })
  const keys = createPublicKeyResolver({ origin: env.FLEX_ORIGIN })
  try {
    const captureContext = await verifyCaptureContext(
      await client.createSession([
        'paymentInformation.card.number',
        'paymentInformation.card.expirationMonth',
        'paymentInformation.card.expirationYear',
      ]),
      { keys },
    )
    const jwe = await encryptPaymentData(captureContext, (await request.json()) as never)
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

/** `POST /checkout`: card data in, a verified transient token out; anything else is 404. */
const worker: { fetch(request: Request, env: Env): Promise<Response> } = {
  async fetch(request, env) {
    const { pathname } = new URL(request.url)
    if (request.method === 'POST' && pathname === '/checkout') return checkout(request, env)
    return new Response('Not found', { status: 404 })
  },
}
export default worker

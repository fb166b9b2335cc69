// app/api/checkout/route.ts in a Next.js app: the handler is made once, on the first request.
import { createCheckoutHandler } from './checkout-handler.js'

// Environment values are `string | undefined`: check them before use.
function readEnv(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set`)
  return value
}

let handler: ((request: Request) => Promise<Response>) | undefined

/** `POST /api/checkout`: card data in, a verified transient token out. */
export function POST(request: Request): Promise<Response> {
  handler ??= createCheckoutHandler({
    origin: readEnv('FLEX_ORIGIN'),
    credentials: {
      merchantId: readEnv('FLEX_MERCHANT_ID'),
      keyId: readEnv('FLEX_KEY_ID'),
      sharedSecret: readEnv('FLEX_SHARED_SECRET'),
    },
  })
  return handler(request)
}

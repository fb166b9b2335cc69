// The flow as a module worker (workerd) and as a plain module for the edge-runtime VM:
// bundled with the SDK packages, no Node globals.
import { createFlexClient } from 'flex-client'
import { encryptPaymentData } from 'flex-jwe'
import { createPublicKeyResolver, verifyCaptureContext, verifyTransientToken } from 'flex-jwt'
import { authorizePayment } from 'flex-payments'
import { runFlow } from './flow.mjs'

const sdk = {
  createFlexClient,
  createPublicKeyResolver,
  verifyCaptureContext,
  verifyTransientToken,
  encryptPaymentData,
  authorizePayment,
}

export async function runWithEnvironment(env) {
  const globals = {
    Buffer: typeof globalThis.Buffer,
    process: typeof globalThis.process,
  }
  const results = await runFlow({
    sdk,
    env: {
      origin: env.FLEX_ORIGIN,
      merchantId: env.FLEX_MERCHANT_ID,
      keyId: env.FLEX_KEY_ID,
      sharedSecret: env.FLEX_SHARED_SECRET,
    },
  })
  return { globals, results }
}

export default {
  async fetch(_request, env) {
    return Response.json(await runWithEnvironment(env))
  },
}

// The flow's entry for runtimes that run ES modules from a folder with node_modules
// (Node, Deno, Bun). Reads the emulator's address from the environment, prints one RESULT line.
import { createFlexClient } from 'flex-client'
import { encryptPaymentData } from 'flex-jwe'
import { createPublicKeyResolver, verifyCaptureContext, verifyTransientToken } from 'flex-jwt'
import { authorizePayment } from 'flex-payments'
import { runFlow } from './flow.mjs'

const read = (name) =>
  globalThis.Deno ? globalThis.Deno.env.get(name) : globalThis.process.env[name]
const results = await runFlow({
  sdk: {
    createFlexClient,
    createPublicKeyResolver,
    verifyCaptureContext,
    verifyTransientToken,
    encryptPaymentData,
    authorizePayment,
  },
  env: {
    origin: read('FLEX_ORIGIN'),
    merchantId: read('FLEX_MERCHANT_ID'),
    keyId: read('FLEX_KEY_ID'),
    sharedSecret: read('FLEX_SHARED_SECRET'),
  },
})
console.log(`RESULT ${JSON.stringify(results)}`)

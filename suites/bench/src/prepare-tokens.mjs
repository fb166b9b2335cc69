import { globalAgent } from 'node:https'
import { createFlexClient } from 'flex-client'
import { startFlexEmulator } from 'flex-emulator'
import { encryptPaymentData } from 'flex-jwe'
import { createPublicKeyResolver, verifyCaptureContext, verifyTransientToken } from 'flex-jwt'
import { createTlsFetch } from './create-tls-fetch.mjs'
import { PAYMENT_DATA, SESSION_FIELDS } from './fixtures.mjs'

/**
 * Starts the emulator over TLS on loopback and makes one real capture context and one real
 * transient token with the SDK packages, so that every verifier below checks the same tokens.
 * The official SDK's key fetch (axios, no agent of its own) goes through Node's https global
 * agent, which is told to trust the emulator's certificate: that is the only thing arranged for
 * it, its request really goes to the emulator's public-keys route.
 */
export async function prepareTokens({ distinctContexts }) {
  const emulator = await startFlexEmulator({ tls: true, keyPool: { reuseKeys: true, size: 1 } })
  globalAgent.options.ca = emulator.certificate
  const fetch = createTlsFetch(emulator.certificate)
  const client = createFlexClient({ origin: emulator.url, credentials: emulator.merchant, fetch })
  const keys = createPublicKeyResolver({ origin: emulator.url, fetch })
  const captureContextJwt = await client.createSession(SESSION_FIELDS)
  const captureContext = await verifyCaptureContext(captureContextJwt, { keys })
  const jwe = await encryptPaymentData(captureContext, PAYMENT_DATA)
  const transientTokenJwt = await client.createTransientToken(captureContext, jwe)
  await verifyTransientToken(transientTokenJwt, { captureContext })
  const response = await fetch(`${emulator.url}/flex/v2/public-keys/${captureContext.kid}`)
  if (response.status !== 200) throw new Error(`public key route answered ${response.status}`)
  const longTermJwk = await response.json()
  // Distinct capture contexts (each its own token, kid and signature), more than any per-token
  // memory could hold. The emulator reuses one one-time key, so their flx.jwk moduli are all the
  // same: flex-types' remembered sound moduli skip the modulus checks after the first context.
  const freshCaptureContextJwts = []
  while (freshCaptureContextJwts.length < distinctContexts) {
    const batch = Math.min(16, distinctContexts - freshCaptureContextJwts.length)
    freshCaptureContextJwts.push(
      ...(await Promise.all(
        Array.from({ length: batch }, () => client.createSession(SESSION_FIELDS)),
      )),
    )
  }
  return {
    emulator,
    keys,
    captureContextJwt,
    captureContext,
    freshCaptureContextJwts,
    transientTokenJwt,
    longTermJwk,
  }
}

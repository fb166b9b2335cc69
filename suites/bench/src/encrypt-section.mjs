import { createRequire } from 'node:module'
import { encryptPaymentData } from 'flex-jwe'
import { CompactEncrypt, importJWK } from 'jose'
import { PAYMENT_DATA } from './fixtures.mjs'
import { compareCandidates, medianRatio } from './measure.mjs'

const require = createRequire(import.meta.url)
const encoder = new TextEncoder()

/** Section 3: the tokens JWE, validation included where the candidate has any. */
export async function benchEncryption(tokens, settings) {
  const { captureContext, captureContextJwt } = tokens
  const cs2 = require('cs2-encryption')
  const { kty, n, e, kid } = captureContext.encryptionKey
  const joseKey = await importJWK({ kty, n, e }, 'RSA-OAEP-256')
  const candidates = {
    'flex-jwe encryptPaymentData': () => encryptPaymentData(captureContext, PAYMENT_DATA),
    'raw jose CompactEncrypt (imported key)': () =>
      new CompactEncrypt(
        encoder.encode(
          JSON.stringify({ data: PAYMENT_DATA, context: captureContextJwt, index: 0 }),
        ),
      )
        .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid })
        .encrypt(joseKey),
    'cs2-encryption encrypt': () => cs2.encrypt(PAYMENT_DATA, captureContextJwt),
  }
  const modes = [
    ['sequential', 1],
    ['64 in flight', 64],
  ]
  const results = await compareCandidates(candidates, { modes, ...settings })
  return {
    title: '3. JWE encryption of the payment data',
    unit: 'encryptions/s',
    results,
    reference: 'raw jose CompactEncrypt (imported key)',
    headline: modes.map(([mode]) => ({
      label: `encryptPaymentData vs raw jose, ${mode}`,
      value: medianRatio(
        results[mode],
        'flex-jwe encryptPaymentData',
        'raw jose CompactEncrypt (imported key)',
      ),
      goal: 0.85,
    })),
    notes: [
      'The same verified capture context and the same data for all three; flex-jwe and raw jose use RSA-OAEP-256 + A256GCM, cs2-encryption always uses RSA-OAEP (SHA-1) + A256GCM.',
      'flex-jwe validates the data against the required/optional fields, the card rules and the capture-context expiry, and imports the one-time key (cached per capture context). Raw jose validates nothing.',
      'cs2-encryption 1.0.4 decodes the capture context with jwt-decode and checks nothing: no signature, no expiry, no field rules, whatever `flx.jwk` says is used; it re-imports the key and makes a new @peculiar/webcrypto `Crypto` on every call.',
    ],
  }
}

import { createPublicKey, verify } from 'node:crypto'
import { createRequire } from 'node:module'
import { verifyCaptureContext, verifyTransientToken } from 'flex-jwt'
import { importJWK, jwtVerify } from 'jose'
import { compareCandidates, medianRatio } from './measure.mjs'

const require = createRequire(import.meta.url)

// The floor: one RSA PKCS#1 v1.5 SHA-256 check on the thread pool (where WebCrypto runs it too),
// with no parsing and no claim checks.
function createNodeCryptoVerifier(jwt, jwk) {
  const key = createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' })
  const dot = jwt.lastIndexOf('.')
  return () => {
    const signingInput = Buffer.from(jwt.slice(0, dot))
    const signature = Buffer.from(jwt.slice(dot + 1), 'base64url')
    return new Promise((resolve, reject) => {
      verify('sha256', signingInput, key, signature, (error, valid) => {
        if (error) reject(error)
        else if (!valid) reject(new Error('node:crypto refused the signature'))
        else resolve()
      })
    })
  }
}

function importRs256(jwk) {
  return importJWK({ kty: jwk.kty, n: jwk.n, e: jwk.e }, 'RS256')
}

function officialMerchantConfig(cybersource, emulator) {
  return new cybersource.MerchantConfig({
    authenticationType: 'http_signature',
    runEnvironment: new URL(emulator.url).host,
    merchantID: emulator.merchant.merchantId,
    merchantKeyId: emulator.merchant.keyId,
    merchantsecretKey: emulator.merchant.sharedSecret,
    logConfiguration: { enableLog: false },
  })
}

const MODES = [
  ['sequential', 1],
  ['64 in flight', 64],
]

/** Section 1: capture-context verification with a warm key cache. */
export async function benchCaptureContextVerification(tokens, settings) {
  const { emulator, keys, captureContextJwt: jwt, freshCaptureContextJwts, longTermJwk } = tokens
  let next = 0
  const fresh = () => {
    next = (next + 1) % freshCaptureContextJwts.length
    return freshCaptureContextJwts[next]
  }
  const cybersource = require('cybersource-rest-client')
  const merchantConfig = officialMerchantConfig(cybersource, emulator)
  const joseKey = await importRs256(longTermJwk)
  const candidates = {
    'flex-jwt verifyCaptureContext': () => verifyCaptureContext(jwt, { keys }),
    'flex-jwt verifyCaptureContext, a different context each call': () =>
      verifyCaptureContext(fresh(), { keys }),
    'raw jose.jwtVerify (imported CryptoKey)': () =>
      jwtVerify(jwt, joseKey, { algorithms: ['RS256'] }),
    'raw node:crypto verify (floor)': createNodeCryptoVerifier(jwt, longTermJwk),
    'cybersource-rest-client CaptureContextParsingUtility': () =>
      new Promise((resolve, reject) => {
        cybersource.CaptureContextParsingUtility.parseCaptureContextResponse(
          jwt,
          merchantConfig,
          (error, payload) =>
            error
              ? reject(new Error('the official parser refused the capture context'))
              : resolve(payload),
        )
      }),
  }
  const results = await compareCandidates(candidates, { modes: MODES, ...settings })
  return {
    title: '1. Capture-context verification (warm key cache)',
    unit: 'verifications/s',
    results,
    reference: 'raw jose.jwtVerify (imported CryptoKey)',
    headline: MODES.flatMap(([mode]) => [
      {
        label: `verifyCaptureContext vs raw jose, ${mode}, same context`,
        value: medianRatio(
          results[mode],
          'flex-jwt verifyCaptureContext',
          'raw jose.jwtVerify (imported CryptoKey)',
        ),
        goal: 0.9,
      },
      {
        label: `verifyCaptureContext vs raw jose, ${mode}, a different context each call`,
        value: medianRatio(
          results[mode],
          'flex-jwt verifyCaptureContext, a different context each call',
          'raw jose.jwtVerify (imported CryptoKey)',
        ),
        goal: 0.9,
      },
    ]),
    notes: [
      `All rows but one check the same RS256 capture context, issued by the emulator over TLS on loopback. The row "a different context each call" cycles through ${freshCaptureContextJwts.length} distinct contexts from the same emulator (same long-term key): a new token, kid and signature each call, so no per-token memory helps. The emulator here reuses one one-time key for all of them, so flex-types remembers its modulus as sound after the first context and the RSA modulus checks of \`validateRsaPublicJwk\` (size, small factors, ROCA) are not in this row; in production every capture context carries a new one-time key, which adds that check's main-thread time per new context (see "What bounds the results").`,
      'flex-jwt resolves the key through `createPublicKeyResolver({ origin, fetch })`, warmed by one real fetch; raw jose gets a CryptoKey imported once; the floor is `crypto.verify` on a KeyObject made once (no parsing, no claim checks).',
      "The official parser's first call fetched the key from the emulator's `/flex/v2/public-keys/{kid}` over HTTPS (its axios request uses Node's global agent, told to trust the emulator's self-signed certificate: the only thing arranged for it); every timed call is a cache hit, which still converts the JWK to PEM with node-forge and verifies synchronously on the main thread, so 64 in flight cannot overlap.",
    ],
  }
}

/** Section 2: transient-token verification against the capture context's one-time key. */
export async function benchTransientTokenVerification(tokens, settings) {
  const { captureContext, transientTokenJwt: jwt } = tokens
  const JWTUtility = require('cybersource-rest-client/src/authentication/util/jwt/JWTUtility.js')
  const oneTimeJwk = captureContext.encryptionKey
  const joseKey = await importRs256(oneTimeJwk)
  const candidates = {
    'flex-jwt verifyTransientToken': () => verifyTransientToken(jwt, { captureContext }),
    'raw jose.jwtVerify (imported CryptoKey)': () =>
      jwtVerify(jwt, joseKey, { algorithms: ['RS256'] }),
    'raw node:crypto verify (floor)': createNodeCryptoVerifier(jwt, oneTimeJwk),
    'cybersource-rest-client JWTUtility.verifyJwt': async () => {
      JWTUtility.verifyJwt(jwt, oneTimeJwk)
    },
  }
  const results = await compareCandidates(candidates, { modes: MODES, ...settings })
  return {
    title: '2. Transient-token verification',
    unit: 'verifications/s',
    results,
    reference: 'raw jose.jwtVerify (imported CryptoKey)',
    headline: MODES.map(([mode]) => ({
      label: `verifyTransientToken vs raw jose, ${mode}`,
      value: medianRatio(
        results[mode],
        'flex-jwt verifyTransientToken',
        'raw jose.jwtVerify (imported CryptoKey)',
      ),
      goal: 0.9,
    })),
    notes: [
      'A real transient token from the emulator, checked against `flx.jwk` of its verified capture context.',
      'cybersource-rest-client 0.0.83 has no transient-token verifier (`src/utilities/flex/TokenVerification.js` is commented out); the row uses the generic `JWTUtility.verifyJwt(jwt, jwk)` its capture-context parser calls, given the one-time JWK. It checks the signature only (no expiry, no issuer).',
    ],
  }
}

import { createRequire } from 'node:module'
import { createFlexClient } from 'flex-client'
import { buildSessionRequestBody } from 'flex-types/internal'
import { SESSION_FIELDS } from './fixtures.mjs'
import { compareCandidates, medianRatio } from './measure.mjs'

const require = createRequire(import.meta.url)
// A well-formed compact JWT that the fake fetch answers with; the client does not verify it.
const ANSWER = 'eyJhbGciOiJSUzI1NiJ9.eyJqdGkiOiJiZW5jaCJ9.c2lnbmF0dXJl'
const SIGNED_HEADER = { jwt: 'authorization', 'http-signature': 'signature' }

function createSigningClient(authentication, credentials) {
  let sawHeader = false
  const fetch = async (request) => {
    sawHeader = new Request(request).headers.has(SIGNED_HEADER[authentication])
    return new Response(ANSWER, { status: 201, headers: { 'content-type': 'application/jwt' } })
  }
  const client = createFlexClient({ environment: 'test', credentials, authentication, fetch })
  return async () => {
    sawHeader = false
    await client.createSession(SESSION_FIELDS)
    if (!sawHeader) throw new Error(`flex-client sent no ${SIGNED_HEADER[authentication]} header`)
  }
}

function createOfficialSigner(cybersource, authenticationType, credentials, body) {
  const apiClient = new cybersource.ApiClient()
  apiClient.setConfiguration({
    authenticationType,
    ...(authenticationType === 'jwt' ? { jwtKeyType: 'SHARED_SECRET' } : {}),
    runEnvironment: 'apitest.cybersource.com',
    merchantID: credentials.merchantId,
    merchantKeyId: credentials.keyId,
    merchantsecretKey: credentials.sharedSecret,
    logConfiguration: { enableLog: false },
  })
  const header = authenticationType === 'jwt' ? 'Authorization' : 'signature'
  return async () => {
    const headers = apiClient.callAuthenticationHeader('POST', '/flex/v2/sessions', body, {}, false)
    if (typeof headers[header] !== 'string') throw new Error(`the official SDK made no ${header}`)
  }
}

/** Section 4: merchant authentication of one `POST /flex/v2/sessions`. */
export async function benchSigning(tokens, settings) {
  const cybersource = require('cybersource-rest-client')
  const credentials = tokens.emulator.merchant
  const body = JSON.stringify(buildSessionRequestBody(SESSION_FIELDS))
  const candidates = {
    'flex-client createSession, JWT (fake fetch)': createSigningClient('jwt', credentials),
    'cybersource-rest-client JWT (callAuthenticationHeader)': createOfficialSigner(
      cybersource,
      'jwt',
      credentials,
      body,
    ),
    'flex-client createSession, HTTP Signature (fake fetch)': createSigningClient(
      'http-signature',
      credentials,
    ),
    'cybersource-rest-client HTTP Signature (callAuthenticationHeader)': createOfficialSigner(
      cybersource,
      'http_signature',
      credentials,
      body,
    ),
  }
  const modes = [
    ['sequential', 1],
    ['64 in flight', 64],
  ]
  const results = await compareCandidates(candidates, { modes, ...settings })
  const ratio = (mode, ours, theirs) => medianRatio(results[mode], ours, theirs)
  return {
    title: '4. Merchant authentication (JWT and HTTP Signature)',
    unit: 'requests signed/s',
    results,
    reference: undefined,
    headline: modes.flatMap(([mode]) => [
      {
        label: `flex-client JWT vs official signer, ${mode}`,
        value: ratio(
          mode,
          'flex-client createSession, JWT (fake fetch)',
          'cybersource-rest-client JWT (callAuthenticationHeader)',
        ),
        goal: undefined,
      },
      {
        label: `flex-client HTTP Signature vs official signer, ${mode}`,
        value: ratio(
          mode,
          'flex-client createSession, HTTP Signature (fake fetch)',
          'cybersource-rest-client HTTP Signature (callAuthenticationHeader)',
        ),
        goal: undefined,
      },
    ]),
    notes: [
      "flex-client's rows time a whole `createSession` (not `createAuthenticationHeaders` alone, which flex-client exports since 2026-12-05) through ky with an injected `fetch` that answers 201 at once: request body building, SHA-256 digest, HMAC-SHA256 (WebCrypto, async), the ky request pipeline, response reading and checks. The fake fetch confirms each request carried the signed header.",
      "The official rows time `ApiClient.prototype.callAuthenticationHeader('POST', '/flex/v2/sessions', body)`: the SDK's own digest and signers (`Authorization.getToken` → `JWTSigToken`, jwt-simple HS256, or `HTTPSigToken`) and its header assembly, synchronous, logging off; no HTTP. So the official rows do strictly less work than ours.",
    ],
  }
}

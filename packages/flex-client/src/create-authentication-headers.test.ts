// The client's JWT and HTTP Signature next to what Cybersource's official Node SDK
// (cybersource-rest-client, a devDependency of this test only) sends for the same clock, key and
// body. Both go to the same loopback stub, which also verifies both independently.
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import type { SessionFields } from 'flex-types'
import { buildSessionRequestBody } from 'flex-types/internal'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createAuthenticationHeaders,
  decodeCanonicalBase64,
  importSharedSecret,
} from './create-authentication-headers.js'
import { createFlexClient } from './index.js'
import { type CapturedRequest, startMerchantStub } from './test/merchant-stub.js'

interface OfficialSdk {
  ApiClient: new () => unknown
  FlexAPIApi: new (
    config: Record<string, unknown>,
    client: unknown,
  ) => {
    generateFlexAPICaptureContext(
      request: unknown,
      callback: (error: unknown, data: unknown, response: unknown) => void,
    ): void
  }
  GenerateFlexAPICaptureContextRequest: { constructFromObject(value: unknown): unknown }
}

// A plain require() call (not a path string), so that knip sees the devDependency in use.
const require = createRequire(import.meta.url)
const officialSdk = require('cybersource-rest-client') as OfficialSdk

const merchant = {
  merchantId: 'compare_merchant',
  keyId: 'a2c9e0b4-5b7e-4a51-9f0e-6c2d1b7f3e11',
  sharedSecret: randomBytes(32).toString('base64'),
}
const FIXED_CLOCK = new Date('2026-11-27T10:00:00.000Z')
const FIELDS: SessionFields = {
  orderInformation: {
    amountDetails: { totalAmount: { required: true }, currency: { required: true } },
    billTo: { email: { required: false } },
  },
  paymentInformation: { card: { number: { required: true }, securityCode: { required: true } } },
}

let stub: Awaited<ReturnType<typeof startMerchantStub>>

beforeAll(async () => {
  stub = await startMerchantStub(merchant)
})

afterAll(async () => {
  await stub.server.close()
})

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(FIXED_CLOCK)
})

afterEach(() => {
  vi.useRealTimers()
})

function sendWithOfficialSdk(authenticationType: 'jwt' | 'http_signature'): Promise<void> {
  const host = `127.0.0.1:${stub.server.port}`
  const api = new officialSdk.FlexAPIApi(
    {
      authenticationType,
      jwtKeyType: 'SHARED_SECRET',
      runEnvironment: host,
      intermediateHost: `http://${host}`,
      merchantID: merchant.merchantId,
      merchantKeyId: merchant.keyId,
      merchantsecretKey: merchant.sharedSecret,
      logConfiguration: { enableLog: false },
    },
    new officialSdk.ApiClient(),
  )
  const request = officialSdk.GenerateFlexAPICaptureContextRequest.constructFromObject(
    buildSessionRequestBody(FIELDS),
  )
  return new Promise((resolve, reject) => {
    api.generateFlexAPICaptureContext(request, (error) =>
      error ? reject(new Error('the official SDK request failed')) : resolve(),
    )
  })
}

async function capture(
  authentication: 'jwt' | 'http-signature',
): Promise<{ official: CapturedRequest; ours: CapturedRequest }> {
  await sendWithOfficialSdk(authentication === 'jwt' ? 'jwt' : 'http_signature')
  const official = stub.received.at(-1)
  await createFlexClient({
    origin: stub.server.url,
    credentials: merchant,
    authentication,
  }).createSession(FIELDS)
  const ours = stub.received.at(-1)
  if (!official || !ours || official === ours) throw new Error('requests were not captured')
  return { official, ours }
}

function decodeJwt(request: CapturedRequest): {
  rawHeader: string
  header: Record<string, unknown>
  claims: Record<string, unknown>
} {
  const token = String(request.headers.authorization).replace(/^Bearer /, '')
  const [header = '', claims = ''] = token.split('.')
  const rawHeader = Buffer.from(header, 'base64url').toString('utf8')
  return {
    rawHeader,
    header: JSON.parse(rawHeader),
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')),
  }
}

function signatureParameters(request: CapturedRequest): Record<string, string> {
  const parameters: Record<string, string> = {}
  for (const [, name = '', value = ''] of String(request.headers.signature).matchAll(
    /([a-z]+)="([^"]*)"/g,
  )) {
    parameters[name] = value
  }
  return parameters
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('compared with the official cybersource-rest-client 0.0.83', () => {
  it('JWT: the same header bytes and the same claims, jti aside', async () => {
    const { official, ours } = await capture('jwt')
    // The stub, written from docs/protocol.md, accepts both.
    expect(official.problem).toBeUndefined()
    expect(ours.problem).toBeUndefined()
    expect(ours.body).toBe(official.body)

    const theirs = decodeJwt(official)
    const mine = decodeJwt(ours)
    expect(mine.rawHeader).toBe(theirs.rawHeader)
    expect(mine.rawHeader).toBe(`{"typ":"JWT","alg":"HS256","kid":"${merchant.keyId}"}`)
    expect(Object.keys(mine.claims)).toEqual(Object.keys(theirs.claims))
    const { jti: theirJti, ...theirClaims } = theirs.claims
    const { jti: myJti, ...myClaims } = mine.claims
    expect(myClaims).toEqual(theirClaims)
    expect(theirJti).toMatch(UUID_V4)
    expect(myJti).toMatch(UUID_V4)
    expect(myClaims).toEqual({
      digest: expect.any(String),
      'digest-algorithm': 'SHA-256',
      iat: FIXED_CLOCK.getTime() / 1000,
      exp: FIXED_CLOCK.getTime() / 1000 + 120,
      'request-host': `127.0.0.1:${stub.server.port}`,
      'request-resource-path': '/flex/v2/sessions',
      'request-method': 'post',
      iss: merchant.merchantId,
      'v-c-jwt-version': '2',
      'v-c-merchant-id': merchant.merchantId,
    })
  })

  it('HTTP Signature: the same signed headers and the same signature', async () => {
    const { official, ours } = await capture('http-signature')
    expect(official.problem).toBeUndefined()
    expect(ours.problem).toBeUndefined()
    expect(ours.body).toBe(official.body)
    for (const name of ['host', 'date', 'digest', 'v-c-merchant-id']) {
      expect({ name, value: ours.headers[name] }).toEqual({ name, value: official.headers[name] })
    }
    expect(ours.headers.date).toBe(FIXED_CLOCK.toUTCString())
    // Same clock, key and body: HMAC is deterministic, so even the signature must agree.
    expect(signatureParameters(ours)).toEqual(signatureParameters(official))
    expect(signatureParameters(ours).headers).toBe(
      'host date request-target digest v-c-merchant-id',
    )
  })

  it('records the header differences (none of them signed)', async () => {
    const { official, ours } = await capture('jwt')
    // docs/protocol.md section 1 asks for the charset; the official SDK leaves it out.
    expect(ours.headers['content-type']).toBe('application/json;charset=utf-8')
    expect(official.headers['content-type']).toBe('application/json')
    // Telemetry headers the official SDK adds and this client does not send.
    expect(official.headers['v-c-client-id']).toBe('cybs-rest-sdk-node-0.0.83')
    expect(official.headers['v-c-sdk-telemetry-merchant-id']).toBe(merchant.merchantId)
    expect(ours.headers['v-c-client-id']).toBeUndefined()
    expect(ours.headers['v-c-sdk-telemetry-merchant-id']).toBeUndefined()
  })
})

describe('createAuthenticationHeaders for a GET (docs/protocol.md section 5: no body, no digest)', () => {
  async function headersFor(scheme: 'jwt' | 'http-signature') {
    const key = await importSharedSecret(
      decodeCanonicalBase64(merchant.sharedSecret) ?? new Uint8Array(),
    )
    return createAuthenticationHeaders(
      scheme,
      { merchantId: merchant.merchantId, keyId: merchant.keyId, key },
      {
        method: 'GET',
        url: new URL('https://apitest.cybersource.com/tss/v2/transactions/1?a=b'),
        now: FIXED_CLOCK,
      },
    )
  }

  it('JWT: no digest claims, the query in the resource path', async () => {
    const { authorization = '' } = await headersFor('jwt')
    const claims = JSON.parse(
      Buffer.from(authorization.split('.')[1] ?? '', 'base64url').toString('utf8'),
    )
    expect(claims).not.toHaveProperty('digest')
    expect(claims).not.toHaveProperty('digest-algorithm')
    expect(claims).toMatchObject({
      'request-method': 'get',
      'request-host': 'apitest.cybersource.com',
      'request-resource-path': '/tss/v2/transactions/1?a=b',
    })
  })

  it('HTTP Signature: no digest header and none signed', async () => {
    const headers = await headersFor('http-signature')
    expect(Object.keys(headers).sort()).toEqual(['date', 'host', 'signature', 'v-c-merchant-id'])
    expect(headers.signature).toContain('headers="host date request-target v-c-merchant-id"')
  })
})

describe('decodeCanonicalBase64', () => {
  it.each([
    ['', undefined],
    ['YQ==', [97]],
    ['YWI=', [97, 98]],
    ['YWJj', [97, 98, 99]],
    ['YR==', undefined],
    ['YWJ=', undefined],
    ['YQ', undefined],
    ['YQ=', undefined],
    ['Y===', undefined],
    ['YW Jj', undefined],
    ['YW-j', undefined],
    ['YWJj\n', undefined],
  ])('decodes %j as %j', (text, expected) => {
    const decoded = decodeCanonicalBase64(text)
    expect(decoded === undefined ? undefined : [...decoded]).toEqual(expected)
  })
})

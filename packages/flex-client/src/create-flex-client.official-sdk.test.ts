// The Microform and Unified Checkout session requests next to what Cybersource's official Node SDK
// (cybersource-rest-client 0.0.83, a devDependency of the tests only) sends for the same request:
// the same route, Accept and body bytes (docs/protocol.md section 15.1).
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFlexClient } from './index.js'
import { type CapturedRequest, startMerchantStub } from './test/merchant-stub.js'

type Callback = (error: unknown, data: unknown, response: unknown) => void
type ApiClass = new (
  config: Record<string, unknown>,
  client: unknown,
) => Record<string, (request: unknown, callback: Callback) => void>

interface OfficialSdk {
  ApiClient: new () => unknown
  MicroformIntegrationApi: ApiClass
  UnifiedCheckoutV1CaptureContextApi: ApiClass
}

// A plain require() call (not a path string), so that knip sees the devDependency in use.
const require = createRequire(import.meta.url)
const officialSdk = require('cybersource-rest-client') as OfficialSdk

const merchant = {
  merchantId: 'compare_merchant',
  keyId: '7d3e0b7a-2f41-4c1e-9b0a-5e6f7a8b9c0d',
  sharedSecret: randomBytes(32).toString('base64'),
}
let stub: Awaited<ReturnType<typeof startMerchantStub>>

beforeAll(async () => {
  stub = await startMerchantStub(merchant)
})

afterAll(async () => {
  await stub.server.close()
})

function sendWithOfficialSdk(
  api: 'MicroformIntegrationApi' | 'UnifiedCheckoutV1CaptureContextApi',
  method: string,
  body: unknown,
): Promise<CapturedRequest> {
  const host = `127.0.0.1:${stub.server.port}`
  const client = new officialSdk[api](
    {
      authenticationType: 'jwt',
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
  return new Promise((resolve, reject) => {
    client[method]?.(body, (error) => {
      const request = stub.received.at(-1)
      if (error || !request) reject(new Error('the official SDK request failed'))
      else resolve(request)
    })
  })
}

function ours() {
  return createFlexClient({ origin: stub.server.url, credentials: merchant })
}

describe('compared with the official cybersource-rest-client 0.0.83', () => {
  it('Microform: the same route, Accept and body', async () => {
    const request = {
      clientVersion: 'v2.0',
      targetOrigins: ['https://shop.example'],
      allowedCardNetworks: ['VISA', 'MASTERCARD'],
      allowedPaymentTypes: ['CARD'],
    }
    const official = await sendWithOfficialSdk(
      'MicroformIntegrationApi',
      'generateCaptureContext',
      request,
    )
    await ours().createMicroformSession(request)
    const mine = stub.received.at(-1) as CapturedRequest
    expect(official.problem).toBeUndefined()
    expect(mine.problem).toBeUndefined()
    expect(mine.url).toBe(official.url)
    expect(mine.url).toBe('/microform/v2/sessions')
    expect(mine.headers.accept).toBe(official.headers.accept)
    expect(mine.body).toBe(official.body)
  })

  it('Unified Checkout: the same route, Accept and body', async () => {
    const options = {
      targetOrigins: ['https://shop.example'],
      allowedCardNetworks: ['VISA'],
      allowedPaymentTypes: ['PANENTRY'],
      country: 'US',
      locale: 'en_US',
      amount: '21.00',
      currency: 'USD',
    }
    await ours().createUnifiedCheckoutSession(options)
    const mine = stub.received.at(-1) as CapturedRequest
    const official = await sendWithOfficialSdk(
      'UnifiedCheckoutV1CaptureContextApi',
      'generateUnifiedCheckoutV1CaptureContext',
      JSON.parse(mine.body),
    )
    expect(official.problem).toBeUndefined()
    expect(mine.problem).toBeUndefined()
    expect(mine.url).toBe(official.url)
    expect(mine.url).toBe('/uc/v1/sessions')
    expect(mine.headers.accept).toBe(official.headers.accept)
    expect(JSON.parse(mine.body)).toEqual(JSON.parse(official.body))
  })
})

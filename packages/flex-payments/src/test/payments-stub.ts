// A stand-in for the Cybersource payments routes, written from the project's protocol doc
// (section 5 for authentication, section 14 for the routes and bodies), not from flex-client: it
// recomputes every HMAC and digest with node:crypto and answers 401 when one byte is off.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { type LoopbackServer, startLoopbackServer } from 'test-utils'

export interface StubMerchant {
  merchantId: string
  keyId: string
  sharedSecret: string
}

export interface StubRecord {
  method: string
  path: string
  body: unknown
  scheme: 'jwt' | 'http-signature' | undefined
  problem: string | undefined
}

type StubRequest = IncomingMessage & { rawBody: Buffer }

interface StubAmounts {
  totalAmount?: string
  currency?: string
}

interface StubBody {
  clientReferenceInformation?: { transactionId?: string; code?: string }
  orderInformation?: { amountDetails?: StubAmounts }
  reversalInformation?: { amountDetails?: StubAmounts }
}

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function single(request: StubRequest, name: string): string {
  const value = request.headers[name]
  return typeof value === 'string' ? value : ''
}

function verifyJwt(request: StubRequest, merchant: StubMerchant): string | undefined {
  const [head = '', payload = '', mac = ''] = single(request, 'authorization').slice(7).split('.')
  const key = Buffer.from(merchant.sharedSecret, 'base64')
  const expected = createHmac('sha256', key).update(`${head}.${payload}`).digest('base64url')
  if (!equal(mac, expected)) return 'JWT HMAC'
  const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'))
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  if (header.alg !== 'HS256' || header.kid !== merchant.keyId) return 'JWT header'
  if (claims['v-c-merchant-id'] !== merchant.merchantId) return 'JWT merchant'
  if (claims['request-method'] !== request.method?.toLowerCase()) return 'JWT method'
  if (claims['request-resource-path'] !== request.url) return 'JWT path'
  if (claims['request-host'] !== single(request, 'host')) return 'JWT host'
  const now = Date.now() / 1000
  if (!(claims.iat <= now + 300 && claims.exp >= now)) return 'JWT time'
  const digest = createHash('sha256').update(request.rawBody).digest('base64')
  if (claims.digest !== digest || claims['digest-algorithm'] !== 'SHA-256') return 'JWT digest'
  return undefined
}

function verifySignature(request: StubRequest, merchant: StubMerchant): string | undefined {
  const parameters = Object.fromEntries(
    [...single(request, 'signature').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
  )
  if (parameters.keyid !== merchant.keyId || parameters.algorithm !== 'HmacSHA256') {
    return 'signature parameters'
  }
  if (parameters.headers !== 'host date request-target digest v-c-merchant-id') {
    return 'signed header list'
  }
  const digest = `SHA-256=${createHash('sha256').update(request.rawBody).digest('base64')}`
  if (single(request, 'digest') !== digest) return 'digest'
  if (single(request, 'v-c-merchant-id') !== merchant.merchantId) return 'merchant'
  const text = [
    `host: ${single(request, 'host')}`,
    `date: ${single(request, 'date')}`,
    `request-target: ${request.method?.toLowerCase()} ${request.url}`,
    `digest: ${digest}`,
    `v-c-merchant-id: ${merchant.merchantId}`,
  ].join('\n')
  const key = Buffer.from(merchant.sharedSecret, 'base64')
  const expected = createHmac('sha256', key).update(text).digest('base64')
  return equal(parameters.signature ?? '', expected) ? undefined : 'signature'
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/hal+json;charset=utf-8',
    'v-c-correlation-id': `stub-${status}`,
  })
  response.end(JSON.stringify(body))
}

// The 201 answers of protocol section 14.3, reduced to the members flex-payments reads.
function answer(path: string, body: StubBody, committed: Set<string>): [number, unknown] {
  const reference = body.clientReferenceInformation ?? {}
  const amounts = body.orderInformation?.amountDetails ?? {}
  if (path === '/pts/v2/payments') {
    committed.add(reference.transactionId ?? '')
    return [
      201,
      {
        id: '7000000000000000000001',
        status: 'AUTHORIZED',
        clientReferenceInformation: reference,
        orderInformation: {
          amountDetails: { authorizedAmount: amounts.totalAmount, currency: amounts.currency },
        },
      },
    ]
  }
  if (/^\/pts\/v2\/payments\/\d+\/captures$/.test(path)) {
    return [
      201,
      {
        id: '7000000000000000000002',
        status: 'PENDING',
        orderInformation: {
          amountDetails: { totalAmount: amounts.totalAmount, currency: amounts.currency },
        },
      },
    ]
  }
  if (/^\/pts\/v2\/captures\/\d+\/refunds$/.test(path)) {
    return [
      201,
      {
        id: '7000000000000000000003',
        status: 'PENDING',
        refundAmountDetails: { refundAmount: amounts.totalAmount, currency: amounts.currency },
      },
    ]
  }
  if (path === '/pts/v2/reversals' && committed.has(reference.transactionId ?? '')) {
    const reversal = body.reversalInformation?.amountDetails ?? {}
    return [
      201,
      {
        id: '7000000000000000000004',
        status: 'REVERSED',
        reversalAmountDetails: {
          reversedAmount: reversal.totalAmount,
          currency: reversal.currency,
        },
      },
    ]
  }
  return [404, { status: 'INVALID_REQUEST', reason: 'INVALID_PAYMENT_ID', message: 'not found' }]
}

/**
 * Starts the stub. With `dropAuthorizationAnswer`, an authorization is committed (its
 * transactionId becomes reversible) and then never answered, as when a reply is lost.
 */
export async function startPaymentsStub(
  merchant: StubMerchant,
  options: { dropAuthorizationAnswer?: boolean } = {},
): Promise<{ server: LoopbackServer; received: StubRecord[] }> {
  const received: StubRecord[] = []
  const committed = new Set<string>()
  const server = await startLoopbackServer((request, response) => {
    const path = request.url ?? ''
    const scheme = request.headers.authorization?.startsWith('Bearer ')
      ? 'jwt'
      : request.headers.signature
        ? 'http-signature'
        : undefined
    let problem: string | undefined = scheme === undefined ? 'no credentials' : undefined
    try {
      problem ??=
        scheme === 'jwt' ? verifyJwt(request, merchant) : verifySignature(request, merchant)
    } catch {
      problem = 'malformed credentials'
    }
    const body: StubBody | null = JSON.parse(request.rawBody.toString('utf8') || 'null')
    received.push({ method: request.method ?? '', path, body, scheme, problem })
    if (problem !== undefined) return reply(response, 401, { reason: 'AUTHENTICATION_FAILED' })
    if (request.method !== 'POST' || !/^application\/json/.test(single(request, 'content-type'))) {
      return reply(response, 400, { status: 'INVALID_REQUEST', reason: 'INVALID_DATA' })
    }
    const [status, answerBody] = answer(path, body ?? {}, committed)
    if (path === '/pts/v2/payments' && options.dropAuthorizationAnswer) {
      return new Promise<void>(() => undefined)
    }
    return reply(response, status, answerBody)
  })
  return { server, received }
}

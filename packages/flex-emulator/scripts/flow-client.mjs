// The client side of one full flow (session + public key + tokens, and with `payments` an
// authorization and a capture), written from docs/protocol.md with node:crypto and jose, for the bench
// and load scripts.
import { createHash, createHmac, randomUUID } from 'node:crypto'
import { Agent, request as httpRequest } from 'node:http'
import { CompactEncrypt, decodeJwt, importJWK } from 'jose'

const fields = {
  paymentInformation: {
    card: {
      number: {},
      expirationMonth: {},
      expirationYear: {},
      securityCode: { required: false },
    },
  },
}
const body = JSON.stringify({ fields })
const digest = createHash('sha256').update(body).digest('base64')
const data = {
  paymentInformation: {
    card: {
      number: '4111111111111111',
      expirationMonth: '12',
      expirationYear: '2031',
      securityCode: '123',
    },
  },
}

const b64url = (value) => Buffer.from(value).toString('base64url')
function authorization(url, merchant, path = '/flex/v2/sessions', bodyDigest = digest) {
  const iat = Math.floor(Date.now() / 1000)
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: merchant.keyId }))
  const claims = b64url(
    JSON.stringify({
      digest: bodyDigest,
      'digest-algorithm': 'SHA-256',
      iat,
      exp: iat + 120,
      'request-host': new URL(url).host,
      'request-resource-path': path,
      'request-method': 'post',
      iss: merchant.merchantId,
      jti: randomUUID(),
      'v-c-jwt-version': '2',
      'v-c-merchant-id': merchant.merchantId,
    }),
  )
  const signature = createHmac('sha256', Buffer.from(merchant.sharedSecret, 'base64'))
    .update(`${header}.${claims}`)
    .digest('base64url')
  return `Bearer ${header}.${claims}.${signature}`
}

// node:http with keep-alive costs the client far less CPU than fetch, so the numbers say more
// about the emulator.
const agent = new Agent({ keepAlive: true, maxSockets: 64 })

function send(url, method, headers, payload) {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers, agent }, (response) => {
      const chunks = []
      response.on('data', (chunk) => chunks.push(chunk))
      response.on('end', () =>
        resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') }),
      )
      response.on('error', reject)
    })
    outgoing.on('error', reject)
    outgoing.end(payload)
  })
}

function sendJson(url, merchant, path, payload) {
  const text = JSON.stringify(payload)
  const bodyDigest = createHash('sha256').update(text).digest('base64')
  return send(
    `${url}${path}`,
    'POST',
    {
      'content-type': 'application/json',
      authorization: authorization(url, merchant, path, bodyDigest),
    },
    text,
  )
}

const amount = { amountDetails: { totalAmount: '10.00', currency: 'USD' } }

async function pay(url, merchant, transientTokenJwt) {
  const authorized = await sendJson(url, merchant, '/pts/v2/payments', {
    clientReferenceInformation: { code: 'bench' },
    orderInformation: amount,
    tokenInformation: { transientTokenJwt },
  })
  if (authorized.status !== 201) return [authorized.status]
  const { id } = JSON.parse(authorized.text)
  const captured = await sendJson(url, merchant, `/pts/v2/payments/${id}/captures`, {
    orderInformation: amount,
  })
  return [authorized.status, captured.status]
}

async function runFlow(url, merchant, payments) {
  const session = await send(
    `${url}/flex/v2/sessions`,
    'POST',
    {
      'content-type': 'application/json',
      accept: 'application/jwt',
      authorization: authorization(url, merchant),
    },
    body,
  )
  const context = session.text
  if (session.status !== 201) return [session.status]
  const kid = JSON.parse(Buffer.from(context.split('.')[0], 'base64url').toString()).kid
  const publicKey = await send(`${url}/flex/v2/public-keys/${kid}`, 'GET', {})
  const { flx } = decodeJwt(context)
  const key = await importJWK({ ...flx.jwk, alg: 'RSA-OAEP-256' }, 'RSA-OAEP-256')
  const jwe = await new CompactEncrypt(
    new TextEncoder().encode(JSON.stringify({ data, context, index: 0 })),
  )
    .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: flx.jwk.kid })
    .encrypt(key)
  const token = await send(
    `${url}/flex/v2/tokens`,
    'POST',
    { 'content-type': 'application/jwt', accept: 'application/jwt' },
    jwe,
  )
  if (!payments || token.status !== 201) return [session.status, publicKey.status, token.status]
  return [session.status, publicKey.status, token.status, ...(await pay(url, merchant, token.text))]
}

/**
 * Runs `count` flows with `concurrency` workers (with `payments`, each also authorizes and
 * captures); returns every HTTP status seen.
 */
export async function runFlows(url, merchant, count, concurrency, payments = false) {
  const statuses = []
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1
        statuses.push(...(await runFlow(url, merchant, payments)))
      }
    }),
  )
  return statuses
}

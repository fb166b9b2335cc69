// Benchmark: full flows per second (session + public key + tokens) at concurrency 16 against the
// built emulator (run `build` first), with one-time key reuse off and on, next to the raw
// RSA-2048 key generation rate. The emulator runs in a worker thread, the client here.
// Usage: node scripts/bench.mjs [--flows 400] [--unique-flows 48] [--concurrency 16]
import { createHash, createHmac, generateKeyPair, randomUUID } from 'node:crypto'
import { parseArgs } from 'node:util'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'

if (!isMainThread) {
  const { startFlexEmulator } = await import('../dist/index.js')
  const emulator = await startFlexEmulator(workerData)
  await emulator.waitForKeyPool()
  parentPort.postMessage({ url: emulator.url, merchant: emulator.merchant })
  parentPort.on('message', async () => {
    await emulator.close()
    parentPort.postMessage('closed')
  })
} else {
  const { CompactEncrypt, decodeJwt, importJWK } = await import('jose')
  const { values } = parseArgs({
    options: {
      flows: { type: 'string', default: '400' },
      'unique-flows': { type: 'string', default: '48' },
      concurrency: { type: 'string', default: '16' },
    },
  })
  const concurrency = Number(values.concurrency)
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
  function authorization(url, merchant) {
    const iat = Math.floor(Date.now() / 1000)
    const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: merchant.keyId }))
    const claims = b64url(
      JSON.stringify({
        digest,
        'digest-algorithm': 'SHA-256',
        iat,
        exp: iat + 120,
        'request-host': new URL(url).host,
        'request-resource-path': '/flex/v2/sessions',
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

  async function flow(url, merchant) {
    const session = await fetch(`${url}/flex/v2/sessions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/jwt',
        authorization: authorization(url, merchant),
      },
      body,
    })
    const context = await session.text()
    if (session.status !== 201) return [session.status]
    const kid = JSON.parse(Buffer.from(context.split('.')[0], 'base64url').toString()).kid
    const publicKey = await fetch(`${url}/flex/v2/public-keys/${kid}`)
    await publicKey.arrayBuffer()
    const { flx } = decodeJwt(context)
    const key = await importJWK({ ...flx.jwk, alg: 'RSA-OAEP-256' }, 'RSA-OAEP-256')
    const jwe = await new CompactEncrypt(
      new TextEncoder().encode(JSON.stringify({ data, context, index: 0 })),
    )
      .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: flx.jwk.kid })
      .encrypt(key)
    const token = await fetch(`${url}/flex/v2/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/jwt', accept: 'application/jwt' },
      body: jwe,
    })
    await token.arrayBuffer()
    return [session.status, publicKey.status, token.status]
  }

  async function measure(label, options, flows) {
    const worker = new Worker(new URL(import.meta.url), { workerData: options })
    const { url, merchant } = await new Promise((resolve) => worker.once('message', resolve))
    for (let index = 0; index < concurrency; index += 1) await flow(url, merchant)
    const statuses = []
    let next = 0
    const started = performance.now()
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < flows) {
          next += 1
          statuses.push(...(await flow(url, merchant)))
        }
      }),
    )
    const seconds = (performance.now() - started) / 1000
    worker.postMessage('close')
    await new Promise((resolve) => worker.once('message', resolve))
    await worker.terminate()
    const failures = statuses.filter((status) => status >= 400).length
    console.log(
      `${label.padEnd(42)} ${(flows / seconds).toFixed(1).padStart(7)} flows/s  (${flows} flows in ${seconds.toFixed(2)} s, ${failures} non-2xx)`,
    )
  }

  async function keygenRate(count, parallel) {
    const started = performance.now()
    let next = 0
    const generate = () =>
      new Promise((resolve, reject) =>
        generateKeyPair('rsa', { modulusLength: 2048 }, (error) =>
          error ? reject(error) : resolve(),
        ),
      )
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < count) {
          next += 1
          await generate()
        }
      }),
    )
    const seconds = (performance.now() - started) / 1000
    console.log(
      `${`raw RSA-2048 keygen, ${parallel} in parallel`.padEnd(42)} ${(count / seconds).toFixed(1).padStart(7)} keys/s`,
    )
  }

  console.log(`concurrency ${concurrency}, node ${process.version}\n`)
  await keygenRate(16, 1)
  await keygenRate(16, 2)
  await measure(
    'key reuse on (2 keys), pool warm',
    { keyPool: { reuseKeys: true } },
    Number(values.flows),
  )
  await measure(
    'key reuse off (one-time keys), pool of 8 warm',
    { keyPool: { size: 8 } },
    Number(values['unique-flows']),
  )
}

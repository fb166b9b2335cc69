// Verifications per second with a warm key cache, next to raw jose.jwtVerify with the same
// CryptoKey. Run `pnpm --filter flex-jwt build` first: this imports the built package.
import { jwtVerify } from 'jose'
import { createPublicKeyResolver, verifyCaptureContext } from '../dist/index.js'

const DURATION = Number(process.env.BENCH_MS ?? 2_000)
const IN_FLIGHT = 64
const encoder = new TextEncoder()
const base64url = (bytes) => Buffer.from(bytes).toString('base64url')
const segment = (value) => base64url(encoder.encode(JSON.stringify(value)))

async function generate(kid) {
  const pair = await crypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      hash: 'SHA-256',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
    },
    true,
    ['sign', 'verify'],
  )
  const { kty, n, e } = await crypto.subtle.exportKey('jwk', pair.publicKey)
  return { privateKey: pair.privateKey, jwk: { kty, n, e, kid } }
}

const longTerm = await generate('zu')
const oneTime = await generate('0a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P')
const now = Math.floor(Date.now() / 1000)
const claims = {
  flx: {
    path: '/flex/v2/tokens',
    data: 'A'.repeat(400),
    origin: 'https://testflex.cybersource.com',
    jwk: { ...oneTime.jwk, use: 'enc' },
  },
  ctx: [
    {
      type: 'api-0.1.0',
      data: { requiredFields: ['paymentInformation.card.number'], optionalFields: [] },
    },
  ],
  iss: 'Flex API',
  exp: now + 900,
  iat: now,
  jti: 'aBcDeFgHiJkLmNoP',
}
const input = `${segment({ kid: 'zu', alg: 'RS256' })}.${segment(claims)}`
const signature = await crypto.subtle.sign(
  'RSASSA-PKCS1-v1_5',
  longTerm.privateKey,
  encoder.encode(input),
)
const jwt = `${input}.${base64url(new Uint8Array(signature))}`

const keys = createPublicKeyResolver({ pinnedKeys: [longTerm.jwk] })
const key = await keys('zu')
const flexJwt = () => verifyCaptureContext(jwt, { keys })
const rawJose = () => jwtVerify(jwt, key, { algorithms: ['RS256'] })

// Wall-clock rate, and CPU time per verification (all threads of this process): on a shared
// machine the CPU time is the steadier of the two.
function measure(count, start, cpu) {
  const used = process.cpuUsage(cpu)
  return {
    perSecond: count / ((performance.now() - start) / 1000),
    cpuMicroseconds: (used.user + used.system) / count,
  }
}

async function sequential(verify) {
  let count = 0
  const cpu = process.cpuUsage()
  const start = performance.now()
  const end = start + DURATION
  while (performance.now() < end) {
    await verify()
    count += 1
  }
  return measure(count, start, cpu)
}

async function concurrent(verify) {
  let count = 0
  const cpu = process.cpuUsage()
  const start = performance.now()
  const end = start + DURATION
  const worker = async () => {
    while (performance.now() < end) {
      await verify()
      count += 1
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  return measure(count, start, cpu)
}

for (let index = 0; index < 200; index += 1) {
  await flexJwt()
  await rawJose()
}

const rows = []
for (const [mode, run] of [
  ['sequential', sequential],
  [`${IN_FLIGHT} in flight`, concurrent],
]) {
  // Alternate the two a few times so that machine noise hits both alike; keep the best of each.
  const best = {
    flex: { perSecond: 0, cpuMicroseconds: Infinity },
    jose: { perSecond: 0, cpuMicroseconds: Infinity },
  }
  for (let round = 0; round < 3; round += 1) {
    for (const [name, verify] of [
      ['flex', flexJwt],
      ['jose', rawJose],
    ]) {
      const result = await run(verify)
      best[name] = {
        perSecond: Math.max(best[name].perSecond, result.perSecond),
        cpuMicroseconds: Math.min(best[name].cpuMicroseconds, result.cpuMicroseconds),
      }
    }
  }
  rows.push({
    mode,
    'verifyCaptureContext /s': Math.round(best.flex.perSecond),
    'jose.jwtVerify /s': Math.round(best.jose.perSecond),
    'ratio (rate)': (best.flex.perSecond / best.jose.perSecond).toFixed(2),
    'CPU µs flex-jwt': best.flex.cpuMicroseconds.toFixed(1),
    'CPU µs jose': best.jose.cpuMicroseconds.toFixed(1),
    'ratio (CPU)': (best.jose.cpuMicroseconds / best.flex.cpuMicroseconds).toFixed(2),
  })
}
console.table(rows)

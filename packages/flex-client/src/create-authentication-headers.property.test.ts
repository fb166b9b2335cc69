// Properties over random bodies, clocks, hosts and error bodies, checked with node:crypto and
// the sentinel scan rather than with the code under test.
import { createHash, createHmac, randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { FlexError } from 'flex-types'
import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE } from 'test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  createAuthenticationHeaders,
  importSharedSecret,
  type SigningCredentials,
} from './create-authentication-headers.js'
import { createFlexHttpError } from './create-flex-http-error.js'

const secret = randomBytes(32)
let credentials: SigningCredentials

beforeAll(async () => {
  credentials = {
    merchantId: 'property_merchant',
    keyId: 'property-key',
    key: await importSharedSecret(new Uint8Array(secret)),
  }
})

const requests = fc.record({
  body: fc.uint8Array({ maxLength: 2_048 }),
  seconds: fc.integer({ min: 1_600_000_000, max: 2_100_000_000 }),
  host: fc.constantFrom(
    'https://apitest.cybersource.com',
    'https://api.cybersource.com:443',
    'http://127.0.0.1:4010',
    'http://localhost:65535',
  ),
  path: fc.constantFrom('/flex/v2/sessions', '/flex/v2/tokens', '/pts/v2/payments?x=1'),
})

describe('createAuthenticationHeaders', () => {
  it('JWT: HMAC, digest and request claims re-derived with node:crypto', async () => {
    await fc.assert(
      fc.asyncProperty(requests, async ({ body, seconds, host, path }) => {
        const url = new URL(path, host)
        const { authorization = '' } = await createAuthenticationHeaders('jwt', credentials, {
          method: 'POST',
          url,
          body,
          now: new Date(seconds * 1000 + 999),
        })
        const [header = '', claims = '', signature = ''] = authorization.slice(7).split('.')
        expect(signature).toBe(
          createHmac('sha256', secret).update(`${header}.${claims}`).digest('base64url'),
        )
        const decoded = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'))
        expect(decoded.digest).toBe(createHash('sha256').update(body).digest('base64'))
        expect(decoded.iat).toBe(seconds)
        expect(decoded.exp).toBe(seconds + 120)
        expect(decoded['request-host']).toBe(
          host.endsWith(':443') ? 'api.cybersource.com' : host.replace(/^https?:\/\//, ''),
        )
        expect(decoded['request-resource-path']).toBe(path)
      }),
      { numRuns: 60 },
    )
  })

  it('HTTP Signature: the signed string rebuilt from the headers list verifies', async () => {
    await fc.assert(
      fc.asyncProperty(requests, async ({ body, seconds, host, path }) => {
        const url = new URL(path, host)
        const headers = await createAuthenticationHeaders('http-signature', credentials, {
          method: 'POST',
          url,
          body,
          now: new Date(seconds * 1000),
        })
        const parameters = Object.fromEntries(
          [...(headers.signature ?? '').matchAll(/([a-z]+)="([^"]*)"/g)].map((match) => [
            match[1],
            match[2],
          ]),
        )
        const signed = String(parameters.headers)
          .split(' ')
          .map((name) =>
            name === 'request-target' ? `${name}: post ${path}` : `${name}: ${headers[name]}`,
          )
          .join('\n')
        expect(parameters.signature).toBe(
          createHmac('sha256', secret).update(signed).digest('base64'),
        )
        expect(headers.digest).toBe(`SHA-256=${createHash('sha256').update(body).digest('base64')}`)
        expect(Date.parse(headers.date ?? '')).toBe(seconds * 1000)
      }),
      { numRuns: 60 },
    )
  })
})

describe('createFlexHttpError', () => {
  const sensitive = [...SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE]
  const withSentinels = fc
    .tuple(fc.jsonValue(), fc.constantFrom(...sensitive))
    .map(([value, sentinel]) =>
      JSON.stringify({
        reason: sentinel,
        message: sentinel,
        correlationId: `${sentinel} x`,
        details: [{ location: `card ${sentinel}`, message: sentinel }, value],
        responseStatus: typeof value === 'object' ? value : undefined,
        echo: value,
      }),
    )

  it('never throws, always types by status, and never copies a sentinel out of a body', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 300, max: 599 }),
        fc.oneof(fc.string(), withSentinels),
        (status, body) => {
          const error = createFlexHttpError({
            status,
            headers: new Headers(),
            body,
            method: 'POST',
            path: '/flex/v2/tokens',
          })
          expect(FlexError.isInstance(error)).toBe(true)
          expect(error.status).toBe(status)
          expectNoSensitiveData(error, [SENTINEL_SECURITY_CODE])
        },
      ),
      { numRuns: 300 },
    )
  })
})

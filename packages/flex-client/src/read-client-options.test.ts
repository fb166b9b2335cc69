import { createFakeFetch } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { createFlexClient } from './index.js'
import { thrownByCreateFlexClient } from './test/thrown-by-create-flex-client.js'

const credentials = {
  merchantId: 'options_merchant',
  keyId: 'key-1',
  sharedSecret: 'c2hhcmVkLXNlY3JldC1mb3Itb3B0aW9ucy10ZXN0cyE=',
}
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.c2ln'

// The scheme rule comes from flex-types (isHttpsOrLoopback); these show it holds through
// createFlexClient, so this package's tests alone catch a regression of it.
describe('origin: https:, or http: on a loopback host only', () => {
  it.each([
    ['http://localhost:4010', 'http://localhost:4010'],
    ['http://LOCALHOST:4010', 'http://localhost:4010'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://127.0.0.1', 'http://127.0.0.1'],
    ['http://127.255.255.254:8080', 'http://127.255.255.254:8080'],
    ['http://127.1:4010', 'http://127.0.0.1:4010'],
    ['http://[::1]:4010', 'http://[::1]:4010'],
    ['http://[0:0:0:0:0:0:0:1]:4010', 'http://[::1]:4010'],
    ['https://example.com', 'https://example.com'],
    ['https://apitest.cybersource.com/', 'https://apitest.cybersource.com'],
    ['https://10.0.0.1:8443', 'https://10.0.0.1:8443'],
  ])('accepts %s and sends to it', async (origin, expected) => {
    const fetch = createFakeFetch(
      () => new Response(JWT, { status: 201, headers: { 'content-type': 'application/jwt' } }),
    )
    const client = createFlexClient({ origin, credentials, fetch })
    expect(client.origin).toBe(expected)
    await client.createSession(['paymentInformation.card.number'])
    expect(fetch.requests.map((request) => request.url)).toEqual([`${expected}/flex/v2/sessions`])
  })

  it.each([
    'http://example.com',
    'http://apitest.cybersource.com',
    'http://localhost.example.com',
    'http://127.0.0.1.nip.io',
    'http://10.0.0.1:4010',
    'http://0.0.0.0:4010',
    'http://[::]:4010',
    'http://[::2]:4010',
    'http://128.0.0.1',
    'ftp://127.0.0.1',
    'ws://localhost:4010',
    'file:///tmp/flex',
    'https://user:pw@example.com',
    'https://example.com/base',
    'https://example.com/?q=1',
    'https://example.com/#x',
    '//example.com',
    'example.com',
  ])('refuses %s with a usage error naming origin', (origin) => {
    const error = thrownByCreateFlexClient({ origin, credentials })
    expect(error).toBeInstanceOf(TypeError)
    expect(error).toMatchObject({
      code: 'ERR_INVALID_ARG_VALUE',
      message: expect.stringMatching(/^createFlexClient: origin /),
    })
    expect((error as Error).message).not.toContain(origin)
  })

  it('refuses neither or both of environment and origin, and an unknown environment', () => {
    for (const options of [
      { credentials },
      { credentials, environment: 'test', origin: 'https://example.com' },
      { credentials, environment: 'staging' },
      { credentials, origin: 4010 },
    ]) {
      const error = thrownByCreateFlexClient(options)
      expect(error).toMatchObject({
        code: 'ERR_INVALID_ARG_VALUE',
        message: expect.stringMatching(/^createFlexClient: .*(environment|origin)/),
      })
    }
  })
})

describe('timeout and retry bounds', () => {
  const base = { origin: 'http://127.0.0.1:4010', credentials }

  it.each([
    ['timeout', 1],
    ['timeout', 2 ** 31 - 1],
    ['retry', 0],
    ['retry', 10],
    ['retry', { limit: 10, backoffLimit: 0, maxRetryAfter: 0 }],
    ['retry', { backoffLimit: 2 ** 31 - 1, maxRetryAfter: 2 ** 31 - 1 }],
  ] as const)('accepts %s: %j', (option, value) => {
    expect(() => createFlexClient({ ...base, [option]: value })).not.toThrow()
  })

  it.each([
    ['timeout', 'timeout', 0],
    ['timeout', 'timeout', -1],
    ['timeout', 'timeout', 2 ** 31],
    ['timeout', 'timeout', Number.POSITIVE_INFINITY],
    ['timeout', 'timeout', Number.NaN],
    ['timeout', 'timeout', '30000'],
    ['retry', 'retry', 11],
    ['retry', 'retry', 1.5],
    ['retry', 'retry', '2'],
    ['retry', 'retry', null],
    ['retry', 'retry', { limit: 2, tries: 3 }],
    ['retry', 'retry.limit', { limit: -1 }],
    ['retry', 'retry.backoffLimit', { backoffLimit: 2 ** 31 }],
    ['retry', 'retry.maxRetryAfter', { maxRetryAfter: -5 }],
  ] as const)('refuses %s naming %s (%j)', (option, named, value) => {
    expect(thrownByCreateFlexClient({ ...base, [option]: value })).toMatchObject({
      code: 'ERR_INVALID_ARG_VALUE',
      message: expect.stringMatching(
        new RegExp(`^createFlexClient: ${named.replace('.', '\\.')} `),
      ),
    })
  })

  it('refuses an unknown authentication, a fetch that is not a function and bad hooks', () => {
    for (const [named, override] of [
      ['authentication', { authentication: 'RSA1_5' }],
      ['fetch', { fetch: 'fetch' }],
      ['hooks', { hooks: 1 }],
      ['hooks.beforeRequest', { hooks: { beforeRequest: 'log' } }],
      ['options', undefined],
    ] as const) {
      const options = override === undefined ? undefined : { ...base, ...override }
      expect(thrownByCreateFlexClient(options)).toMatchObject({
        code: 'ERR_INVALID_ARG_VALUE',
        message: expect.stringMatching(
          new RegExp(`^createFlexClient: ${named.replace('.', '\\.')} `),
        ),
      })
    }
  })
})

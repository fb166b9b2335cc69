import { expectNoSensitiveData } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { createFlexClient } from './index.js'
import { thrownByCreateFlexClient } from './test/thrown-by-create-flex-client.js'

const credentials = {
  merchantId: 'test_merchant-01',
  keyId: '08c94330-f618-42a3-b09d-e1e43be5efda',
  sharedSecret: 'c2hhcmVkLXNlY3JldC1mb3ItY3JlZGVudGlhbC10ZXN0cw==',
}
const origin = 'http://127.0.0.1:4010'

// Each would end, escape or split the quoted keyid="…" of the signature header, or break a
// header line; the labels name the character, the values are never echoed.
const UNSAFE: [label: string, value: string][] = [
  ['a trailing backslash', 'key\\'],
  ['a backslash inside', 'k\\"ey'],
  ['a double quote', 'a"b'],
  ['a comma', 'key,algorithm=x'],
  ['a space', 'key id'],
  ['a line feed', 'key\nx-injected: 1'],
  ['a carriage return', 'key\r'],
  ['a NUL', 'key\u0000'],
  ['a tab', 'key\t'],
  ['DEL', 'key\u007f'],
  ['a non-ASCII letter', 'clé'],
  ['nothing', ''],
  ['257 characters', 'k'.repeat(257)],
]

describe.each(['keyId', 'merchantId'] as const)('credentials.%s', (field) => {
  it.each(UNSAFE)('is refused with %s, naming the field', (_label, value) => {
    const error = thrownByCreateFlexClient({
      origin,
      credentials: { ...credentials, [field]: value },
    })
    expect(error).toBeInstanceOf(TypeError)
    expect(error).toMatchObject({
      code: 'ERR_INVALID_ARG_VALUE',
      message: `createFlexClient: credentials.${field} must be 1 to 256 visible ASCII characters other than " \\ and ,`,
    })
    if (value.length > 1) expectNoSensitiveData(error, [value])
  })

  it.each([undefined, 42, null, ['id']])('is refused when it is not a string (%j)', (value) => {
    expect(
      thrownByCreateFlexClient({ origin, credentials: { ...credentials, [field]: value } }),
    ).toMatchObject({
      code: 'ERR_INVALID_ARG_VALUE',
      message: expect.stringContaining(`credentials.${field} `),
    })
  })
})

describe('accepted credentials', () => {
  it.each([
    ['a UUID key id', { keyId: '08c94330-f618-42a3-b09d-e1e43be5efda' }],
    ['punctuation that stays inside a quoted value', { keyId: "k=1;x/y+z~!#$%&'()*:<>?@[]^_`{|}" }],
    ['256 characters', { keyId: 'k'.repeat(256), merchantId: 'm'.repeat(256) }],
  ])('include %s', async (_label, override) => {
    const requests: Request[] = []
    const client = createFlexClient({
      origin,
      authentication: 'http-signature',
      credentials: { ...credentials, ...override },
      fetch: async (input, init) => {
        requests.push(new Request(input, init))
        return new Response('a.b.c', {
          status: 201,
          headers: { 'content-type': 'application/jwt' },
        })
      },
    })
    await expect(client.createSession(['paymentInformation.card.number'])).resolves.toBe('a.b.c')
    const keyId = override.keyId ?? credentials.keyId
    expect(requests[0]?.headers.get('signature')).toMatch(
      new RegExp(
        `^keyid="${keyId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}", algorithm="HmacSHA256"`,
      ),
    )
  })
})

it('refuses credentials that are not an object, and a bad secret, naming the option only', () => {
  for (const [value, option] of [
    [undefined, 'credentials'],
    ['m:k:s', 'credentials'],
    [{ ...credentials, sharedSecret: 'bm90LWNhbm9uaWNhbA=' }, 'credentials.sharedSecret'],
  ] as const) {
    const error = thrownByCreateFlexClient({ origin, credentials: value })
    expect(error).toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' })
    expect((error as Error).message).toMatch(new RegExp(`^createFlexClient: ${option} `))
    expectNoSensitiveData(error, ['m:k:s', 'bm90LWNhbm9uaWNhbA='])
  }
})

describe('credentials.sharedSecret length', () => {
  const base64Of = (bytes: number) => btoa(String.fromCharCode(...new Uint8Array(bytes).fill(7)))

  it.each([1, 16, 31])('refuses a secret of %i decoded bytes, naming the rule only', (bytes) => {
    const sharedSecret = base64Of(bytes)
    const error = thrownByCreateFlexClient({
      origin,
      credentials: { ...credentials, sharedSecret },
    })
    expect(error).toBeInstanceOf(TypeError)
    expect(error).toMatchObject({
      code: 'ERR_INVALID_ARG_VALUE',
      message:
        'createFlexClient: credentials.sharedSecret must decode to at least 32 bytes (Cybersource issues 32: 44 base64 characters)',
    })
    if (sharedSecret.length > 4) expectNoSensitiveData(error, [sharedSecret])
  })

  it.each([32, 33, 64])('accepts a secret of %i decoded bytes', (bytes) => {
    expect(() =>
      createFlexClient({ origin, credentials: { ...credentials, sharedSecret: base64Of(bytes) } }),
    ).not.toThrow()
  })
})

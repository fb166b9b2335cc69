import {
  FlexCaptureContextError,
  FlexError,
  type FlexFieldPath,
  type FlexPublicJwk,
  FlexValidationError,
} from 'flex-types'
import { compactDecrypt, decodeProtectedHeader, importJWK } from 'jose'
import { generateRsaKeyPair, type RsaKeyPair, SENTINEL_CARD_NUMBERS } from 'test-utils'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { encryptPaymentData } from './encrypt-payment-data.js'
import { FlexEncryptionError, FlexEncryptionKeyError } from './errors.js'
import type { JweAlgorithm } from './jwe-algorithms.js'
import {
  CARD_FIELDS,
  createTestCaptureContext,
  createVerifiedTestCaptureContext,
  TEST_DATE,
} from './test/create-test-capture-context.js'

const KID = '08ajMBidgTrHvGJVzpR3ZxrNylkXqVA2'
const options = { currentDate: TEST_DATE }
const card = {
  number: '4242424242424242',
  securityCode: '123',
  expirationMonth: '12',
  expirationYear: '2031',
}
const valid = { paymentInformation: { card } }

let pair: RsaKeyPair
let jwk: FlexPublicJwk
const decryptionKeys = new Map<JweAlgorithm, CryptoKey>()

beforeAll(async () => {
  pair = await generateRsaKeyPair({ usage: 'encrypt', kid: KID })
  jwk = pair.publicJwk as FlexPublicJwk
  for (const alg of ['RSA-OAEP-256', 'RSA-OAEP'] as const) {
    decryptionKeys.set(alg, (await importJWK(pair.privateJwk, alg)) as CryptoKey)
  }
})

async function decrypt(jwe: string, alg: JweAlgorithm = 'RSA-OAEP-256') {
  const result = await compactDecrypt(jwe, decryptionKeys.get(alg) as CryptoKey, {
    keyManagementAlgorithms: [alg],
    contentEncryptionAlgorithms: ['A256GCM'],
  })
  return { header: result.protectedHeader, plaintext: new TextDecoder().decode(result.plaintext) }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

describe('encryptPaymentData round trip', () => {
  it.each(['RSA-OAEP-256', 'RSA-OAEP'] as const)(
    'jose decrypts an %s JWE to the exact plaintext',
    async (algorithm) => {
      const captureContext = createTestCaptureContext(jwk)
      const jwe = await encryptPaymentData(captureContext, valid, { ...options, algorithm })
      expect(jwe.split('.')).toHaveLength(5)
      const { header, plaintext } = await decrypt(jwe, algorithm)
      expect(header).toEqual({ alg: algorithm, enc: 'A256GCM', kid: KID })
      expect(plaintext).toBe(
        `{"data":${JSON.stringify(valid)},"context":"${captureContext.jwt}","index":0}`,
      )
    },
  )

  it('uses RSA-OAEP-256 by default and the protected header is exactly {alg, enc, kid}', async () => {
    const jwe = await encryptPaymentData(createTestCaptureContext(jwk), valid, options)
    const raw = new TextDecoder().decode(
      Uint8Array.from(
        atob((jwe.split('.')[0] as string).replace(/-/g, '+').replace(/_/g, '/')),
        (c) => c.charCodeAt(0),
      ),
    )
    expect(raw).toBe(`{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"${KID}"}`)
    expect(Object.keys(decodeProtectedHeader(jwe))).toEqual(['alg', 'enc', 'kid'])
  })

  it('nests flat dotted data, normalizes the card number and sends strings unchanged', async () => {
    const jwe = await encryptPaymentData(
      createTestCaptureContext(jwk),
      {
        'paymentInformation.card.number': '4242 4242-4242 4242',
        'paymentInformation.card.securityCode': '012',
        'paymentInformation.card.expirationMonth': '01',
        'paymentInformation.card.expirationYear': '2027',
        'orderInformation.billTo.firstName': 'Zoë "Ada" \\ Lovelace',
      },
      options,
    )
    expect(JSON.parse((await decrypt(jwe)).plaintext).data).toEqual({
      paymentInformation: {
        card: {
          number: '4242424242424242',
          securityCode: '012',
          expirationMonth: '01',
          expirationYear: '2027',
        },
      },
      orderInformation: { billTo: { firstName: 'Zoë "Ada" \\ Lovelace' } },
    })
  })

  it('prefers the key’s own alg when none is asked for, and refuses a contradicting one', async () => {
    const captureContext = createTestCaptureContext({ ...jwk, alg: 'RSA-OAEP' })
    const jwe = await encryptPaymentData(captureContext, valid, options)
    expect(decodeProtectedHeader(jwe).alg).toBe('RSA-OAEP')
    const error = await rejection(
      encryptPaymentData(captureContext, valid, { ...options, algorithm: 'RSA-OAEP-256' }),
    )
    expect(FlexEncryptionKeyError.isInstance(error) && error.reason).toBe('wrong-algorithm')
  })
})

describe('encryptPaymentData freshness and key reuse', () => {
  it('draws a fresh content key and IV for each of 1,000 encryptions', async () => {
    const captureContext = createTestCaptureContext(jwk)
    const jwes = await Promise.all(
      Array.from({ length: 1000 }, () => encryptPaymentData(captureContext, valid, options)),
    )
    const ivs = new Set(jwes.map((jwe) => jwe.split('.')[2]))
    const encryptedKeys = new Set(jwes.map((jwe) => jwe.split('.')[1]))
    expect(ivs.size).toBe(1000)
    expect(encryptedKeys.size).toBe(1000)
    for (const iv of ivs) expect(iv).toHaveLength(16)
    // OAEP is randomized, so distinct encrypted keys alone would not prove distinct content keys.
    const privateKey = decryptionKeys.get('RSA-OAEP-256') as CryptoKey
    const contentKeys = await Promise.all(
      [...encryptedKeys].map(async (encryptedKey) => {
        const bytes = Uint8Array.from(
          atob((encryptedKey as string).replace(/-/g, '+').replace(/_/g, '/')),
          (c) => c.charCodeAt(0),
        )
        const key = new Uint8Array(
          await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, privateKey, bytes),
        )
        expect(key).toHaveLength(32)
        return key.join(',')
      }),
    )
    expect(new Set(contentKeys).size).toBe(1000)
  })

  it('imports the key once per verified capture context and algorithm, not per call', async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey')
    const captureContext = createVerifiedTestCaptureContext({ ...jwk })
    await Promise.all(
      Array.from({ length: 20 }, () => encryptPaymentData(captureContext, valid, options)),
    )
    await encryptPaymentData(Object.freeze({ ...captureContext }), valid, {
      ...options,
      algorithm: 'RSA-OAEP',
    })
    await encryptPaymentData(captureContext, valid, { ...options, algorithm: 'RSA-OAEP' })
    await encryptPaymentData(captureContext, valid, { ...options, algorithm: 'RSA-OAEP' })
    const jwkImports = (importKey.mock.calls as unknown[][]).filter(([format]) => format === 'jwk')
    expect(jwkImports.map(([, , algorithm]) => algorithm)).toEqual([
      { name: 'RSA-OAEP', hash: 'SHA-256' },
      { name: 'RSA-OAEP', hash: 'SHA-1' },
      { name: 'RSA-OAEP', hash: 'SHA-1' },
    ])
  })

  it('imports the key of a capture context that is not frozen on every call: never stale', async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey')
    const captureContext = createTestCaptureContext({ ...jwk })
    await encryptPaymentData(captureContext, valid, options)
    await encryptPaymentData(captureContext, valid, options)
    expect((importKey.mock.calls as unknown[][]).filter(([f]) => f === 'jwk')).toHaveLength(2)
  })

  it('tries a failed import again for a verified capture context', async () => {
    vi.spyOn(crypto.subtle, 'importKey').mockRejectedValueOnce(new Error('no'))
    const captureContext = createVerifiedTestCaptureContext({ ...jwk })
    const error = await rejection(encryptPaymentData(captureContext, valid, options))
    expect(error).toMatchObject({ reason: 'not-importable' })
    await expect(encryptPaymentData(captureContext, valid, options)).resolves.toMatch(/^eyJ/)
  })

  it('validates a key object again when its members change', async () => {
    const ownKey: FlexPublicJwk = { ...jwk }
    const captureContext = createTestCaptureContext(ownKey)
    await encryptPaymentData(captureContext, valid, options)
    ownKey.e = 'AQ'
    const error = await rejection(encryptPaymentData(captureContext, valid, options))
    expect(FlexEncryptionKeyError.isInstance(error) && error.reason).toBe('weak-exponent')
  })
})

describe('encryptPaymentData currentDate', () => {
  it('takes a function returning the Date, asked once per call', async () => {
    const captureContext = createTestCaptureContext(jwk, { expiresAt: TEST_DATE })
    const before = vi.fn(() => new Date(TEST_DATE.getTime() - 1))
    await expect(
      encryptPaymentData(captureContext, valid, { currentDate: before }),
    ).resolves.toMatch(/^eyJ/)
    expect(before).toHaveBeenCalledTimes(1)
    const error = await rejection(
      encryptPaymentData(captureContext, valid, { currentDate: () => TEST_DATE }),
    )
    expect(error).toMatchObject({ code: 'ERR_FLEX_CAPTURE_CONTEXT_EXPIRED' })
  })
})

describe('encryptPaymentData refusals', () => {
  it('refuses an expired capture context before anything else', async () => {
    const captureContext = createTestCaptureContext(jwk, { expiresAt: TEST_DATE })
    const error = await rejection(encryptPaymentData(captureContext, {}, options))
    expect(FlexError.isInstance(error) && error.code).toBe('ERR_FLEX_CAPTURE_CONTEXT_EXPIRED')
    // One condition, one class in every package (#15.4): flex-types' class, re-exported here.
    expect(error).toBeInstanceOf(FlexCaptureContextError)
    expect(error).toMatchObject({
      name: 'FlexCaptureContextError',
      message: 'the capture context has expired; create a new session',
    })
    const later = createTestCaptureContext(jwk, { expiresAt: new Date(TEST_DATE.getTime() + 1) })
    await expect(encryptPaymentData(later, valid, options)).resolves.toMatch(/^eyJ/)
  })

  it.each([
    ['weak-exponent', { e: 'AQ' }],
    ['not-rsa', { kty: 'EC' }],
    ['private-members', { d: 'AQAB' }],
    ['wrong-use', { use: 'sig' }],
    ['wrong-algorithm', { alg: 'RSA1_5' }],
    ['wrong-algorithm', { alg: 'RS256' }],
    ['missing-kid', { kid: undefined }],
    ['missing-kid', { kid: '' }],
    ['missing-kid', { kid: 'a\nb' }],
    ['modulus-size', { n: 'AQAB' }],
  ])('refuses a one-time key with %s (%#)', async (reason, change) => {
    const captureContext = createTestCaptureContext({ ...jwk, ...change } as FlexPublicJwk)
    const error = await rejection(encryptPaymentData(captureContext, valid, options))
    expect(FlexEncryptionKeyError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ code: 'ERR_FLEX_ENCRYPTION_KEY_INVALID', reason })
  })

  it('refuses a one-time key with a weak modulus and encrypts nothing (#13.3)', async () => {
    const bytes = Uint8Array.from(atob(jwk.n.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
      c.charCodeAt(0),
    )
    const n = BigInt(`0x${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`)
    const toN = (value: bigint) => {
      const hex = value.toString(16).padStart(512, '0')
      const raw = String.fromCharCode(
        ...(hex.match(/../g) as string[]).map((pair) => parseInt(pair, 16)),
      )
      return btoa(raw).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
    }
    const oddMultipleOf = (prime: bigint) => {
      const multiple = n - (n % prime)
      return multiple % 2n === 0n ? multiple - prime : multiple
    }
    const encrypt = vi.spyOn(crypto.subtle, 'encrypt')
    for (const weak of [oddMultipleOf(3n), oddMultipleOf(997n), 2n ** 2047n + 1n]) {
      const captureContext = createTestCaptureContext({ ...jwk, n: toN(weak) })
      const error = await rejection(encryptPaymentData(captureContext, valid, options))
      expect(error).toMatchObject({
        code: 'ERR_FLEX_ENCRYPTION_KEY_INVALID',
        reason: 'small-factor',
      })
    }
    expect(encrypt).not.toHaveBeenCalled()
  })

  it('turns a WebCrypto failure into ERR_FLEX_ENCRYPTION_FAILED without a cause', async () => {
    const captureContext = createTestCaptureContext(jwk)
    await encryptPaymentData(captureContext, valid, options)
    vi.spyOn(crypto.subtle, 'encrypt').mockRejectedValue(
      new Error(`operation failed for ${card.number}`),
    )
    const error = await rejection(encryptPaymentData(captureContext, valid, options))
    expect(FlexEncryptionError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ code: 'ERR_FLEX_ENCRYPTION_FAILED' })
    expect((error as Error).cause).toBeUndefined()
    expect(Object.hasOwn(error as object, 'cause')).toBe(false)
  })

  it('reports a key WebCrypto cannot import as ERR_FLEX_ENCRYPTION_KEY_INVALID', async () => {
    vi.spyOn(crypto.subtle, 'importKey').mockRejectedValueOnce(new Error('no'))
    const captureContext = createTestCaptureContext({ ...jwk })
    const error = await rejection(encryptPaymentData(captureContext, valid, options))
    expect(error).toMatchObject({
      code: 'ERR_FLEX_ENCRYPTION_KEY_INVALID',
      reason: 'not-importable',
    })
    expect((error as Error).cause).toBeUndefined()
    await expect(encryptPaymentData(captureContext, valid, options)).resolves.toMatch(/^eyJ/)
  })

  it('leaves no unhandled rejection when the import fails while the data is refused', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      vi.spyOn(crypto.subtle, 'importKey').mockRejectedValueOnce(new Error('no'))
      const captureContext = createTestCaptureContext({ ...jwk })
      const error = await rejection(encryptPaymentData(captureContext, {}, options))
      expect(error).toMatchObject({ code: 'ERR_FLEX_DATA_INVALID' })
      // Node reports unhandled rejections once the microtask queue drains, before the next
      // macrotask: one setImmediate turn is enough, whatever the machine's load (no sleep).
      await new Promise((resolve) => setImmediate(resolve))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it.each([
    ['captureContext', () => null],
    ['captureContext.jwt', (c: Record<string, unknown>) => ({ ...c, jwt: 42 })],
    ['captureContext.jwt', (c: Record<string, unknown>) => ({ ...c, jwt: 'not a jwt' })],
    ['captureContext.jwt', (c: Record<string, unknown>) => ({ ...c, jwt: 'eyJh.eyJi.' })],
    [
      'captureContext.jwt',
      (c: Record<string, unknown>) => ({ ...c, jwt: `eyJh.eyJi.${'c'.repeat(65_536)}` }),
    ],
    [
      'captureContext.encryptionKey',
      (c: Record<string, unknown>) => ({ ...c, encryptionKey: 'k' }),
    ],
    [
      'captureContext.requiredFields',
      (c: Record<string, unknown>) => ({ ...c, requiredFields: 'x' }),
    ],
    [
      'captureContext.requiredFields',
      (c: Record<string, unknown>) => ({ ...c, requiredFields: ['card.number'] }),
    ],
    [
      'captureContext.optionalFields',
      (c: Record<string, unknown>) => ({ ...c, optionalFields: undefined }),
    ],
    ['captureContext.expiresAt', (c: Record<string, unknown>) => ({ ...c, expiresAt: 1 })],
    [
      'captureContext.expiresAt',
      (c: Record<string, unknown>) => ({ ...c, expiresAt: new Date(NaN) }),
    ],
  ])(
    'throws a TypeError naming %s for a capture context of the wrong shape',
    async (member, make) => {
      const captureContext = make(
        createTestCaptureContext(jwk) as unknown as Record<string, unknown>,
      )
      const error = await rejection(encryptPaymentData(captureContext as never, valid, options))
      expect(error).toBeInstanceOf(TypeError)
      expect(error).toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' })
      expect((error as Error).message).toMatch(new RegExp(`^encryptPaymentData: ${member} `))
    },
  )

  it.each([
    ['options', 'RSA-OAEP-256'],
    ['algorithm', { algorithm: 'RSA1_5' }],
    ['algorithm', { algorithm: 'dir' }],
    ['currentDate', { currentDate: '2026-01-01' }],
    ['currentDate', { currentDate: new Date(NaN) }],
    ['currentDate', { currentDate: () => 'now' }],
  ])('throws a usage error naming %s for options of the wrong type', async (name, bad) => {
    const error = await rejection(
      encryptPaymentData(createTestCaptureContext(jwk), valid, bad as never),
    )
    expect(error).toBeInstanceOf(TypeError)
    expect(error).toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' })
    expect((error as Error).message).toMatch(new RegExp(`^encryptPaymentData: ${name} must `))
    expect((error as Error).message).not.toContain('RSA1_5')
  })
})

const everyField: FlexFieldPath[] = [
  ...CARD_FIELDS,
  'paymentInformation.card.type',
  'orderInformation.amountDetails.totalAmount',
  'orderInformation.amountDetails.currency',
  'orderInformation.billTo.email',
  'orderInformation.billTo.country',
  'orderInformation.shipTo.country',
  'orderInformation.billTo.phoneNumber',
  'orderInformation.billTo.postalCode',
  'orderInformation.shipTo.postalCode',
  'orderInformation.billTo.firstName',
]

describe('encryptPaymentData validation, rule by rule', () => {
  // [path, a failing value, the rule it breaks, a passing value]
  const cases: [FlexFieldPath, unknown, string, string][] = [
    ['paymentInformation.card.number', '4242424242424241', 'luhn', '4242424242424242'],
    ['paymentInformation.card.number', '42424242424', 'length', '4222222222222'],
    ['paymentInformation.card.number', '42424242424242424242', 'length', '4242424242424242428'],
    ['paymentInformation.card.number', '4242x24242424242', 'format', '4242-4242 4242-4242'],
    ['paymentInformation.card.number', 4242424242424242, 'not-a-string', '4242424242424242'],
    ['paymentInformation.card.number', '', 'required', '4000056655665556'],
    ['paymentInformation.card.securityCode', '12', 'format', '123'],
    ['paymentInformation.card.securityCode', '12345', 'format', '321'],
    ['paymentInformation.card.securityCode', '1234', 'length', '123'],
    ['paymentInformation.card.securityCode', '12a', 'format', '999'],
    ['paymentInformation.card.type', '1', 'format', '001'],
    ['paymentInformation.card.expirationMonth', '13', 'format', '12'],
    ['paymentInformation.card.expirationMonth', '00', 'format', '01'],
    ['paymentInformation.card.expirationMonth', '1', 'format', '11'],
    ['paymentInformation.card.expirationYear', '31', 'format', '2031'],
    ['paymentInformation.card.expirationYear', '2025', 'expired', '2026'],
    ['paymentInformation.card.expirationYear', '2099', 'out-of-range', '2051'],
    ['orderInformation.amountDetails.totalAmount', '10,00', 'format', '10.00'],
    ['orderInformation.amountDetails.totalAmount', '-1', 'format', '0.5'],
    ['orderInformation.amountDetails.currency', 'usd', 'format', 'USD'],
    ['orderInformation.amountDetails.currency', 'XYZ', 'format', 'EUR'],
    ['orderInformation.billTo.email', 'ada@', 'format', 'ada@example.com'],
    ['orderInformation.billTo.country', 'us', 'format', 'US'],
    ['orderInformation.shipTo.country', 'USA', 'format', 'GB'],
    ['orderInformation.billTo.phoneNumber', 'call me', 'format', '+1 (555) 010-0100'],
    ['orderInformation.billTo.postalCode', '12345678901', 'format', '94105'],
    ['orderInformation.shipTo.postalCode', '#1', 'format', 'SW1A 1AA'],
    ['orderInformation.billTo.firstName', 'A'.repeat(257), 'length', 'A'.repeat(256)],
    ['orderInformation.billTo.firstName', 'Ada\u0000', 'format', 'Ada'],
  ]

  // Titles name the path and rule only: a card number in a test title would land in the output.
  const named = cases.map(([path, bad, rule, good]) => ({ path, bad, rule, good }))
  it.each(named)(
    '$path: a failing value breaks $rule, a passing one is sent',
    async ({ path, bad, rule, good }) => {
      const captureContext = createTestCaptureContext(jwk, {
        requiredFields: CARD_FIELDS,
        optionalFields: everyField.slice(4),
      })
      const flat = (value: unknown) => ({
        'paymentInformation.card.number': '4242424242424242',
        'paymentInformation.card.securityCode': '123',
        'paymentInformation.card.expirationMonth': '12',
        'paymentInformation.card.expirationYear': '2031',
        [path]: value,
      })
      const error = await rejection(encryptPaymentData(captureContext, flat(bad) as never, options))
      expect(FlexValidationError.isInstance(error)).toBe(true)
      expect(error).toMatchObject({ code: 'ERR_FLEX_DATA_INVALID' })
      expect((error as FlexValidationError).issues.map((i) => `${i.path}:${i.reason}`)).toEqual([
        `${path}:${rule}`,
      ])
      const jwe = await encryptPaymentData(captureContext, flat(good) as never, options)
      const sent = JSON.parse((await decrypt(jwe)).plaintext).data
      const [group, sub, leaf] = path.split('.') as [string, string, string]
      expect(sent[group][sub][leaf]).toBe(
        path.endsWith('card.number') ? good.replace(/[ -]/g, '') : good,
      )
    },
  )

  it('wants a 4-digit security code on an American Express card and 3 on the others', async () => {
    const captureContext = createTestCaptureContext(jwk)
    const data = (number: string, securityCode: string) => ({
      paymentInformation: { card: { ...card, number, securityCode } },
    })
    const [visa, , mastercard, amex] = SENTINEL_CARD_NUMBERS as [string, string, string, string]
    for (const [number, wrong] of [
      [amex, '123'],
      [visa, '1234'],
      [mastercard, '1234'],
    ] as const) {
      const error = await rejection(
        encryptPaymentData(captureContext, data(number, wrong), options),
      )
      expect(error).toMatchObject({ code: 'ERR_FLEX_DATA_INVALID' })
      expect((error as FlexValidationError).issues).toEqual([
        expect.objectContaining({ path: 'paymentInformation.card.securityCode', reason: 'length' }),
      ])
    }
    const jwe = await encryptPaymentData(captureContext, data(amex, '1234'), options)
    expect(
      JSON.parse((await decrypt(jwe)).plaintext).data.paymentInformation.card.securityCode,
    ).toBe('1234')
  })

  it('refuses a card that expired earlier in the current year and accepts the current month', async () => {
    const captureContext = createTestCaptureContext(jwk)
    const data = (expirationMonth: string) => ({
      paymentInformation: { card: { ...card, expirationMonth, expirationYear: '2026' } },
    })
    const error = await rejection(encryptPaymentData(captureContext, data('10'), options))
    expect((error as FlexValidationError).issues).toMatchObject([
      { path: 'paymentInformation.card.expirationMonth', reason: 'expired' },
    ])
    await expect(encryptPaymentData(captureContext, data('11'), options)).resolves.toMatch(/^eyJ/)
  })

  // flex-types holds the expiry rule; this shows it holds through this API and its clock option, so
  // that flex-jwe's tests alone catch a regression there.
  it('judges the card expiry at currentDate, given as a Date or as a function', async () => {
    const captureContext = createTestCaptureContext(jwk, {
      expiresAt: new Date('2028-01-01T00:00:00Z'),
    })
    const data = (expirationMonth: string, expirationYear: string) => ({
      paymentInformation: { card: { ...card, expirationMonth, expirationYear } },
    })
    const reasons = async (date: Date | (() => Date), month: string, year: string) => {
      try {
        await encryptPaymentData(captureContext, data(month, year), { currentDate: date })
        return 'sent'
      } catch (error) {
        return (error as FlexValidationError).issues.map((i) => `${i.path}:${i.reason}`).join()
      }
    }
    const lastDayOfNovember = new Date('2026-11-30T23:59:59Z')
    const firstOfDecember = new Date('2026-12-01T00:00:01Z')
    expect(await reasons(lastDayOfNovember, '11', '2026')).toBe('sent')
    expect(await reasons(() => lastDayOfNovember, '11', '2026')).toBe('sent')
    for (const at of [firstOfDecember, () => firstOfDecember]) {
      expect(await reasons(at, '11', '2026')).toBe(
        'paymentInformation.card.expirationMonth:expired',
      )
      expect(await reasons(at, '12', '2026')).toBe('sent')
    }
    const newYear = new Date('2027-01-01T00:00:01Z')
    expect(await reasons(newYear, '12', '2026')).toBe(
      'paymentInformation.card.expirationYear:expired',
    )
    expect(await reasons(newYear, '01', '2027')).toBe('sent')
    expect(await reasons(newYear, '12', '2053')).toBe(
      'paymentInformation.card.expirationYear:out-of-range',
    )
  })

  it('refuses every single-digit change of a valid card number (Luhn)', async () => {
    const captureContext = createTestCaptureContext(jwk)
    const number = '4242424242424242'
    const verdicts = new Set<string>()
    for (let index = 0; index < number.length; index += 1) {
      for (let digit = 0; digit <= 9; digit += 1) {
        if (String(digit) === number[index]) continue
        const changed = `${number.slice(0, index)}${digit}${number.slice(index + 1)}`
        const error = await rejection(
          encryptPaymentData(
            captureContext,
            { paymentInformation: { card: { ...card, number: changed } } },
            options,
          ),
        )
        verdicts.add((error as FlexValidationError).issues.map((i) => i.reason).join())
      }
    }
    expect([...verdicts]).toEqual(['luhn'])
  })

  it('collects every problem into one error: missing, not allowed, unknown, duplicate, shape', async () => {
    const captureContext = createTestCaptureContext(jwk)
    const error = await rejection(
      encryptPaymentData(
        captureContext,
        {
          paymentInformation: { card: { number: '4242424242424241', securityCode: '1' } },
          'paymentInformation.card.number': '4242424242424242',
          orderInformation: { shipTo: { firstName: 'Ada' }, billTo: 'Ada' },
          extra: 'x',
        } as never,
        options,
      ),
    )
    expect(FlexValidationError.isInstance(error)).toBe(true)
    expect(
      (error as FlexValidationError).issues.map((issue) => `${issue.path}:${issue.reason}`).sort(),
    ).toEqual([
      'extra:unknown-field',
      'orderInformation.billTo:not-an-object',
      'orderInformation.shipTo.firstName:not-allowed',
      'paymentInformation.card.expirationMonth:required',
      'paymentInformation.card.expirationYear:required',
      'paymentInformation.card.number:duplicate',
      'paymentInformation.card.number:luhn',
      'paymentInformation.card.securityCode:format',
    ])
    expect((error as Error).message).toMatch(
      /^the payment data does not satisfy the capture context: /,
    )
  })

  it('refuses data that is not an object', async () => {
    for (const data of [null, 'x', [], 42]) {
      const error = await rejection(
        encryptPaymentData(createTestCaptureContext(jwk), data as never, options),
      )
      expect((error as FlexValidationError).issues).toMatchObject([
        { path: 'data', reason: 'not-an-object' },
      ])
    }
  })
})

import fc from 'fast-check'
import {
  FLEX_FIELD_PATHS,
  type FlexFieldPath,
  type FlexPublicJwk,
  FlexValidationError,
  nestFieldValues,
} from 'flex-types'
import { compactDecrypt } from 'jose'
import { generateRsaKeyPair, type RsaKeyPair, renderThrown } from 'test-utils'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { encryptPaymentData } from './encrypt-payment-data.js'
import { createTestCaptureContext, TEST_DATE } from './test/create-test-capture-context.js'

let pair: RsaKeyPair
beforeAll(async () => {
  pair = await generateRsaKeyPair({ usage: 'encrypt', kid: 'property' })
})

function luhnDigit(body: string): string {
  let sum = 0
  for (let index = 0; index < body.length; index += 1) {
    let digit = Number(body[body.length - 1 - index])
    if (index % 2 === 0) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return String((10 - (sum % 10)) % 10)
}

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max })
// Generated card numbers start with 9 so that no run of them looks like a real card in any output.
const cardBody = fc.integer({ min: 12, max: 19 }).chain((length) => digits(length - 2, length - 2))
const cardNumber = cardBody.map((body) => `9${body}${luhnDigit(`9${body}`)}`)
const typed = cardNumber.chain((number) =>
  fc.constantFrom(' ', '-', '').map((separator) => ({
    sent: number,
    typed: number.replace(/(\d{4})(?=\d)/g, `$1${separator}`),
  })),
)
const text = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the rules refuse control characters
  .filter((value) => !/[\u0000-\u001f\u007f]/.test(value))

/** A valid value per path: what the customer types, and what is sent. */
function buildValidValue(path: FlexFieldPath): fc.Arbitrary<{ typed: string; sent: string }> {
  const same = (arbitrary: fc.Arbitrary<string>) =>
    arbitrary.map((value) => ({ typed: value, sent: value }))
  switch (path) {
    case 'paymentInformation.card.number':
      return typed
    case 'paymentInformation.card.securityCode':
      return same(digits(3, 4))
    case 'paymentInformation.card.type':
      return same(digits(3, 3))
    case 'paymentInformation.card.expirationMonth':
      return same(fc.integer({ min: 1, max: 12 }).map((month) => String(month).padStart(2, '0')))
    case 'paymentInformation.card.expirationYear':
      return same(fc.integer({ min: 2027, max: 2051 }).map(String))
    case 'orderInformation.amountDetails.totalAmount':
      return same(fc.stringMatching(/^\d{1,15}(\.\d{1,6})?$/))
    case 'orderInformation.amountDetails.currency':
      return same(fc.constantFrom('USD', 'EUR', 'GBP', 'JPY', 'CHF'))
    case 'orderInformation.billTo.email':
      return same(fc.stringMatching(/^[a-z0-9._]{1,20}@[a-z]{1,12}\.[a-z]{2,6}$/))
    case 'orderInformation.billTo.country':
    case 'orderInformation.shipTo.country':
      return same(fc.constantFrom('US', 'GB', 'DE', 'FR', 'JP'))
    case 'orderInformation.billTo.phoneNumber':
      return same(fc.stringMatching(/^\+?[0-9]{4,15}$/))
    case 'orderInformation.billTo.postalCode':
    case 'orderInformation.shipTo.postalCode':
      return same(fc.stringMatching(/^[A-Z0-9]{3,8}$/))
    default:
      return same(text)
  }
}

/** An invalid value per path and the rule it breaks. */
function buildInvalidValue(path: FlexFieldPath): fc.Arbitrary<[unknown, string]> {
  const any: fc.Arbitrary<[unknown, string]>[] = [
    fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)).map((value) => [value, 'not-a-string']),
    fc.string({ minLength: 257, maxLength: 300 }).map((value) => [value, 'length']),
    text.map((value) => [`${value}\u0007`, 'format']),
  ]
  const specific: Partial<Record<FlexFieldPath, fc.Arbitrary<[unknown, string]>>> = {
    'paymentInformation.card.number': fc.oneof<fc.Arbitrary<[unknown, string]>[]>(
      cardNumber.map((number) => [
        `${number.slice(0, -1)}${(Number(number.at(-1)) + 1) % 10}`,
        'luhn',
      ]),
      digits(1, 11).map((value) => [value, 'length']),
      cardNumber.map((number) => [`${number.slice(0, 6)}x${number.slice(7)}`, 'format']),
    ),
    'paymentInformation.card.securityCode': digits(5, 8).map((value) => [value, 'format']),
    'paymentInformation.card.expirationMonth': fc
      .integer({ min: 13, max: 99 })
      .map((month) => [String(month), 'format']),
    'paymentInformation.card.expirationYear': fc.oneof<fc.Arbitrary<[unknown, string]>[]>(
      fc.integer({ min: 1990, max: 2025 }).map((year) => [String(year), 'expired']),
      fc.integer({ min: 2052, max: 9999 }).map((year) => [String(year), 'out-of-range']),
      digits(1, 3).map((year) => [year, 'format']),
    ),
    'orderInformation.amountDetails.totalAmount': fc
      .stringMatching(/^[0-9]{1,4}[a-z,][0-9]{1,2}$/)
      .map((value) => [value, 'format']),
    'orderInformation.amountDetails.currency': fc
      .stringMatching(/^[a-z]{3}$/)
      .map((value) => [value, 'format']),
    'orderInformation.billTo.email': fc
      .stringMatching(/^[a-z]{1,10}$/)
      .map((value) => [value, 'format']),
    'orderInformation.billTo.country': fc.stringMatching(/^[a-z]{2,3}$/).map((v) => [v, 'format']),
    'orderInformation.shipTo.country': fc.stringMatching(/^[A-Z]{3}$/).map((v) => [v, 'format']),
  }
  const own = specific[path]
  return fc.oneof(...(own ? [own] : []), ...any)
}

// Built once per path: building fc.stringMatching arbitraries inside chain() on every run is slow.
const validValues = new Map(FLEX_FIELD_PATHS.map((path) => [path, buildValidValue(path)]))
const invalidValues = new Map(FLEX_FIELD_PATHS.map((path) => [path, buildInvalidValue(path)]))
const validValue = (path: FlexFieldPath) =>
  validValues.get(path) as fc.Arbitrary<{ typed: string; sent: string }>
const invalidValue = (path: FlexFieldPath) =>
  invalidValues.get(path) as fc.Arbitrary<[unknown, string]>

const lists = fc
  .tuple(fc.subarray([...FLEX_FIELD_PATHS], { minLength: 1 }), fc.subarray([...FLEX_FIELD_PATHS]))
  .map(([requiredFields, optional]) => ({
    requiredFields,
    optionalFields: optional.filter((path) => !requiredFields.includes(path)),
  }))

/** A capture context's lists and data that satisfies them, nested, flat or both. */
const validCase = lists.chain(({ requiredFields, optionalFields }) =>
  fc
    .tuple(fc.subarray(optionalFields), fc.constantFrom('nested', 'flat', 'mixed'))
    .chain(([chosen, style]) =>
      fc
        .tuple(
          ...[...requiredFields, ...chosen].map((path) =>
            validValue(path).map((value) => [path, value] as const),
          ),
        )
        .map((entries) => ({ requiredFields, optionalFields, entries, style })),
    ),
)

function buildData(
  entries: readonly (readonly [FlexFieldPath, unknown])[],
  style: 'nested' | 'flat' | 'mixed',
): Record<string, unknown> {
  if (style === 'flat') return Object.fromEntries(entries)
  if (style === 'nested') return nestFieldValues(entries) as Record<string, unknown>
  const half = Math.ceil(entries.length / 2)
  return {
    ...(nestFieldValues(entries.slice(0, half)) as Record<string, unknown>),
    ...Object.fromEntries(entries.slice(half)),
  }
}

describe('encryptPaymentData properties', () => {
  it('encrypts any valid data, in any style, to exactly the nested normalized data', async () => {
    await fc.assert(
      fc.asyncProperty(validCase, async ({ requiredFields, optionalFields, entries, style }) => {
        const captureContext = createTestCaptureContext(pair.publicJwk as FlexPublicJwk, {
          requiredFields,
          optionalFields,
        })
        // Mixed style can split a group between its nested and dotted forms; both are accepted.
        const data = buildData(
          entries.map(([path, value]) => [path, value.typed] as const),
          style,
        )
        const jwe = await encryptPaymentData(captureContext, data as never, {
          currentDate: TEST_DATE,
        })
        const { plaintext } = await compactDecrypt(jwe, pair.privateKey)
        expect(new TextDecoder().decode(plaintext)).toBe(
          JSON.stringify({
            data: nestFieldValues(entries.map(([path, value]) => [path, value.sent] as const)),
            context: captureContext.jwt,
            index: 0,
          }),
        )
      }),
      { numRuns: 60 },
    )
  })

  it('refuses data with one problem, names its path and rule, encrypts nothing and echoes no value', async () => {
    const invalidCase = validCase.chain((base) => {
      const present = base.entries.map(([path]) => path)
      const outside = FLEX_FIELD_PATHS.filter(
        (path) => !base.requiredFields.includes(path) && !base.optionalFields.includes(path),
      )
      const mutations: fc.Arbitrary<{ path: FlexFieldPath; reason: string; value?: unknown }>[] = [
        fc.constantFrom(...base.requiredFields).map((path) => ({ path, reason: 'required' })),
        fc
          .constantFrom(...present)
          .chain((path) =>
            invalidValue(path).map(([value, rule]) => ({ path, reason: rule, value })),
          ),
      ]
      if (outside.length > 0) {
        mutations.push(
          fc.constantFrom(...outside).chain((path) =>
            validValue(path).map((value) => ({
              path,
              reason: 'not-allowed',
              value: value.typed,
            })),
          ),
        )
      }
      return fc.oneof(...mutations).map((mutation) => ({ ...base, mutation }))
    })
    const encrypt = vi.spyOn(crypto.subtle, 'encrypt')
    await fc.assert(
      fc.asyncProperty(
        invalidCase,
        async ({ requiredFields, optionalFields, entries, style, mutation }) => {
          const kept = entries
            .filter(([path]) => path !== mutation.path)
            .map(([path, value]) => [path, value.typed] as [FlexFieldPath, unknown])
          if (mutation.reason !== 'required') kept.push([mutation.path, mutation.value])
          const data = buildData(kept, style)
          const captureContext = createTestCaptureContext(pair.publicJwk as FlexPublicJwk, {
            requiredFields,
            optionalFields,
          })
          encrypt.mockClear()
          let thrown: unknown
          try {
            await encryptPaymentData(captureContext, data as never, { currentDate: TEST_DATE })
          } catch (error) {
            thrown = error
          }
          expect(FlexValidationError.isInstance(thrown)).toBe(true)
          const issues = (thrown as FlexValidationError).issues.map(
            ({ path, reason }) => `${path}:${reason}`,
          )
          expect(issues).toEqual([`${mutation.path}:${mutation.reason}`])
          expect(encrypt).not.toHaveBeenCalled()
          const rendered = renderThrown(thrown)
          for (const [, value] of kept) {
            // A lower-case word (e.g. "property") can stand in a stack trace or inspect output
            // by itself; values with digits, capitals or symbols cannot.
            if (typeof value === 'string' && value.length >= 8 && !/^[a-z]+$/.test(value))
              expect(rendered.includes(value)).toBe(false)
          }
        },
      ),
      { numRuns: 200 },
    )
  })
})

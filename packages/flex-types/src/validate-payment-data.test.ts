import fc from 'fast-check'
import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE } from 'test-utils'
import { describe, expect, it } from 'vitest'
import type { FlexFieldPath } from './flex-field-paths.js'
import { FLEX_FIELD_PATHS } from './flex-field-paths.js'
import { validatePaymentData } from './validate-payment-data.js'

const currentDate = new Date('2026-11-27T12:00:00Z')
const card: FlexFieldPath[] = [
  'paymentInformation.card.number',
  'paymentInformation.card.securityCode',
  'paymentInformation.card.expirationMonth',
  'paymentInformation.card.expirationYear',
]
const lists = { requiredFields: card, optionalFields: [...FLEX_FIELD_PATHS], currentDate }
const valid = {
  paymentInformation: {
    card: {
      number: '3782 822463-10005',
      securityCode: SENTINEL_SECURITY_CODE,
      expirationMonth: '12',
      expirationYear: '2031',
    },
  },
}

function with_(path: FlexFieldPath, value: unknown) {
  return { ...structuredClone(valid), [path]: value, ...dropPath(path) }
}
function dropPath(path: FlexFieldPath) {
  const [group, sub, leaf] = path.split('.') as [string, string, string]
  const copy = structuredClone(valid) as Record<string, Record<string, Record<string, unknown>>>
  if (copy[group]?.[sub]) delete copy[group][sub][leaf]
  return copy
}
function rulesFor(data: unknown, options = lists) {
  return validatePaymentData(data, options).issues.map(({ path, reason }) => `${path}:${reason}`)
}

describe('validatePaymentData', () => {
  it('accepts valid data and normalizes the card number', () => {
    const result = validatePaymentData(valid, lists)
    expect(result.issues).toEqual([])
    expect(result.data.paymentInformation?.card?.number).toBe(SENTINEL_CARD_NUMBERS[3])
  })

  it('accepts flat dotted keys and nests them', () => {
    const flat = {
      'paymentInformation.card.number': '4111111111111111',
      'paymentInformation.card.securityCode': '123',
      'paymentInformation.card.expirationMonth': '01',
      'paymentInformation.card.expirationYear': '2027',
      'orderInformation.billTo.firstName': 'Ada',
    }
    const result = validatePaymentData(flat, lists)
    expect(result.issues).toEqual([])
    expect(result.data).toEqual({
      paymentInformation: {
        card: {
          number: '4111111111111111',
          securityCode: '123',
          expirationMonth: '01',
          expirationYear: '2027',
        },
      },
      orderInformation: { billTo: { firstName: 'Ada' } },
    })
  })

  it.each(
    (
      [
        ['paymentInformation.card.number', '4111111111111112', 'luhn'],
        ['paymentInformation.card.number', '41111111111', 'length'],
        ['paymentInformation.card.number', '4111x11111111111', 'format'],
        ['paymentInformation.card.securityCode', '12', 'format'],
        ['paymentInformation.card.securityCode', '12345', 'format'],
        ['paymentInformation.card.expirationMonth', '13', 'format'],
        ['paymentInformation.card.expirationMonth', '1', 'format'],
        ['paymentInformation.card.expirationYear', '31', 'format'],
        ['paymentInformation.card.expirationYear', '2025', 'expired'],
        ['paymentInformation.card.expirationYear', '2099', 'out-of-range'],
        ['paymentInformation.card.number', 4111111111111111, 'not-a-string'],
        ['paymentInformation.card.number', '', 'required'],
        ['orderInformation.amountDetails.currency', 'usd', 'format'],
        ['orderInformation.amountDetails.currency', 'ABC', 'format'],
        ['orderInformation.amountDetails.totalAmount', '1,00', 'format'],
        ['orderInformation.billTo.email', 'ada@', 'format'],
        ['orderInformation.billTo.country', 'USA', 'format'],
        ['orderInformation.billTo.firstName', 'A\u0000', 'format'],
        ['orderInformation.billTo.lastName', 'x'.repeat(257), 'length'],
      ] as const
    ).map(([path, value, rule]) => ({ path, value, rule })),
  )(
    // The title names the path and the rule, never the value (it may be a test card number).
    '$path case #%# breaks $rule',
    ({ path, value, rule }) => {
      expect(rulesFor(with_(path, value))).toEqual([`${path}:${rule}`])
    },
  )

  it.each([
    ['orderInformation.amountDetails.currency', 'EUR'],
    ['orderInformation.amountDetails.totalAmount', '10.50'],
    ['orderInformation.billTo.email', 'ada@example.com'],
    ['orderInformation.billTo.country', 'GB'],
    ['paymentInformation.card.expirationYear', '2026'],
  ] as const)('%s passes', (path, value) => {
    expect(rulesFor(with_(path, value))).toEqual([])
  })

  it.each([
    ['a 3-digit code on an American Express card', SENTINEL_CARD_NUMBERS[3], '123', 'length'],
    ['a 4-digit code on an American Express card', SENTINEL_CARD_NUMBERS[3], '1234', undefined],
    ['a 4-digit code on a Visa card', SENTINEL_CARD_NUMBERS[0], '1234', 'length'],
    ['a 3-digit code on a Visa card', SENTINEL_CARD_NUMBERS[0], '123', undefined],
    ['a 4-digit code on a Mastercard', SENTINEL_CARD_NUMBERS[2], '1234', 'length'],
    ['a 4-digit code on a card of an unknown brand', '9999999999999995', '1234', undefined],
    ['a 3-digit code on a card of an unknown brand', '9999999999999995', '123', undefined],
    ['a 4-digit code beside a number failing Luhn', '4111111111111112', '1234', undefined],
  ])('checks the security code length for the brand: %s', (_name, number, securityCode, reason) => {
    const data = {
      paymentInformation: { card: { ...valid.paymentInformation.card, number, securityCode } },
    }
    const result = validatePaymentData(data, lists)
    const codeIssues = result.issues.filter(
      (issue) => issue.path === 'paymentInformation.card.securityCode',
    )
    expect(codeIssues.map((issue) => issue.reason)).toEqual(reason ? [reason] : [])
    if (reason) expect(result.data.paymentInformation?.card?.securityCode).toBeUndefined()
  })

  it('names the brand and the digits it wants, never the value', () => {
    const data = {
      paymentInformation: {
        card: { ...valid.paymentInformation.card, securityCode: '739' },
      },
    }
    const [issue] = validatePaymentData(data, lists).issues
    expect(issue?.message).toBe('must be 4 digits for American Express')
    expectNoSensitiveData(issue, ['739'])
  })

  it.each([
    [
      'a 16-digit American Express number',
      '3782822463100003',
      'must be 15 digits for American Express',
    ],
    ['a 15-digit Visa number', '411111111111116', 'must be 13, 16 or 19 digits for Visa'],
    ['a 15-digit Mastercard number', '555555555554445', 'must be 16 digits for Mastercard'],
    ['a 14-digit Discover number', '60111111111110', 'must be 16 to 19 digits for Discover'],
  ])('refuses a number of a length its brand does not use: %s', (_name, number, message) => {
    const data = { paymentInformation: { card: { ...valid.paymentInformation.card, number } } }
    expect(validatePaymentData(data, lists).issues).toEqual([
      { path: 'paymentInformation.card.number', reason: 'length', message },
    ])
  })

  it.each([
    ['a 13-digit Visa number', '4222222222222'],
    ['a 19-digit Visa number', '4111111111111111110'],
    ['a 14-digit Diners Club number', '36227206271667'],
    ['a 12-digit Maestro number', '500000000009'],
    ['a 19-digit number of an unknown brand', '9999999999999999998'],
  ])('accepts a number of a length its brand uses: %s', (_name, number) => {
    const data = {
      paymentInformation: {
        card: { ...valid.paymentInformation.card, number, securityCode: '123' },
      },
    }
    expect(rulesFor(data)).toEqual([])
  })

  it('refuses a card that expired earlier this year', () => {
    const data = structuredClone(valid)
    data.paymentInformation.card.expirationYear = '2026'
    data.paymentInformation.card.expirationMonth = '10'
    expect(rulesFor(data)).toEqual(['paymentInformation.card.expirationMonth:expired'])
  })

  it('collects every problem: missing, not allowed, unknown', () => {
    expect(
      rulesFor(
        {
          paymentInformation: { card: { number: '4111111111111111', nickname: 'x' } },
          orderInformation: { billTo: { email: 'ada@example.com' } },
        },
        { requiredFields: card, optionalFields: [], currentDate },
      ),
    ).toEqual([
      'paymentInformation.card.nickname:unknown-field',
      'orderInformation.billTo.email:not-allowed',
      'paymentInformation.card.securityCode:required',
      'paymentInformation.card.expirationMonth:required',
      'paymentInformation.card.expirationYear:required',
    ])
    expect(rulesFor('x')).toEqual(['data:not-an-object'])
  })

  it('never puts a value in an issue (property over random data)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(...FLEX_FIELD_PATHS),
          fc.oneof(fc.constantFrom(...SENTINEL_CARD_NUMBERS), fc.string(), fc.integer()),
        ),
        (flat) => {
          const { issues } = validatePaymentData(flat, lists)
          expectNoSensitiveData(JSON.stringify(issues), [SENTINEL_SECURITY_CODE])
          for (const issue of issues)
            expect(Object.keys(issue)).toEqual(['path', 'reason', 'message'])
        },
      ),
      { numRuns: 300 },
    )
  })
})

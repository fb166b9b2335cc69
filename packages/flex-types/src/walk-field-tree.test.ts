import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { readSessionFields } from './read-session-fields.js'
import { validatePaymentData } from './validate-payment-data.js'

const [VISA] = SENTINEL_CARD_NUMBERS as [string]
const lists = { requiredFields: [], optionalFields: [] }
const paths = (data: unknown) => validatePaymentData(data, lists).issues.map((issue) => issue.path)

describe('unknown keys in issue paths', () => {
  it('names keys that look like field names, typos included', () => {
    expect(
      paths({ extra: 'x', paymentInformation: { card: { cvv: '1', address1: 'x' } } }),
    ).toEqual(['extra', 'paymentInformation.card.cvv', 'paymentInformation.card.address1'])
    expect(paths({ 'paymentInformation.card.cvv_2': '1' })).toEqual([
      'paymentInformation.card.cvv_2',
    ])
  })

  it('never echoes a key that could be card data or a security code', () => {
    const data = {
      [VISA]: 'x',
      paymentInformation: { card: { [`${VISA.slice(0, 8)} ${VISA.slice(8)}`]: 'x' } },
      [`paymentInformation.card.${VISA}`]: 'x',
      [`a${SENTINEL_SECURITY_CODE}`]: 'x',
      'orderInformation.billTo.first name': 'x',
    }
    const result = validatePaymentData(data, lists)
    expect(result.issues.map((issue) => `${issue.path}:${issue.reason}`)).toEqual([
      '<unrecognized key>:unknown-field',
      'paymentInformation.card.<unrecognized key>:unknown-field',
      'paymentInformation.card.<unrecognized key>:unknown-field',
      '<unrecognized key>:unknown-field',
      'orderInformation.billTo.<unrecognized key>:unknown-field',
    ])
    expectNoSensitiveData(JSON.stringify(result.issues), [SENTINEL_SECURITY_CODE])
  })

  it('applies to session fields too', () => {
    const { issues } = readSessionFields({ paymentInformation: { card: { [VISA]: {} } } })
    expect(issues.map((issue) => issue.path)).toEqual([
      'paymentInformation.card.<unrecognized key>',
    ])
  })
})

describe('bounded issue paths', () => {
  it('shows at most 64 characters of an unknown key', () => {
    expect(paths({ [`${'a'.repeat(64)}`]: 'x' })).toEqual(['a'.repeat(64)])
    expect(paths({ [`${'a'.repeat(65)}`]: 'x' })).toEqual(['<unrecognized key>'])
    expect(paths({ [`${'a'.repeat(31)}.${'b'.repeat(32)}`]: 'x' })).toEqual([
      `${'a'.repeat(31)}.${'b'.repeat(32)}`,
    ])
    expect(paths({ [`${'a'.repeat(31)}.${'b'.repeat(33)}`]: 'x' })).toEqual([
      `${'a'.repeat(31)}.<unrecognized key>`,
    ])
    expect(paths({ [`orderInformation.${'abc.'.repeat(25_000)}x`]: 'x' })).toEqual([
      `orderInformation.${'abc.'.repeat(12)}<unrecognized key>`,
    ])
  })
})

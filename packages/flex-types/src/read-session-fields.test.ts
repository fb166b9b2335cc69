import { describe, expect, it } from 'vitest'
import { readSessionFields } from './read-session-fields.js'

describe('readSessionFields', () => {
  it('splits the wire form into required and optional lists', () => {
    expect(
      readSessionFields({
        paymentInformation: { card: { number: { required: true }, type: {} } },
        orderInformation: { billTo: { email: { required: false } } },
      }),
    ).toEqual({
      requiredFields: ['paymentInformation.card.number', 'paymentInformation.card.type'],
      optionalFields: ['orderInformation.billTo.email'],
      issues: [],
    })
  })

  it('reports problems instead of throwing', () => {
    const paths = (value: unknown) =>
      readSessionFields(value).issues.map(({ path, reason }) => `${path}:${reason}`)
    expect(paths(null)).toEqual(['fields:not-an-object'])
    expect(paths([])).toEqual(['fields:not-an-object'])
    expect(paths({ 'paymentInformation.card.number': {} })).toEqual([
      'paymentInformation.card.number:unknown-field',
    ])
    expect(paths({ paymentInformation: { card: { number: { required: 'false' } } } })).toEqual([
      'paymentInformation.card.number.required:not-a-boolean',
    ])
    expect(paths({ paymentInformation: {} })).toEqual(['fields:required'])
    expect(
      paths(JSON.parse('{"__proto__":{"x":{}},"paymentInformation":{"card":{"number":{}}}}')),
    ).toEqual(['__proto__:unknown-field'])
    expect(paths(Object.create({ paymentInformation: {} }))).toEqual(['fields:not-an-object'])
  })
})

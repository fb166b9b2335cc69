import { describe, expect, it } from 'vitest'
import { nestFieldValues } from './nest-field-values.js'

describe('nestFieldValues', () => {
  it('nests a flat object and entries alike, skipping undefined', () => {
    const expected = { orderInformation: { billTo: { firstName: 'Ada', lastName: 'Lovelace' } } }
    expect(
      nestFieldValues({
        'orderInformation.billTo.firstName': 'Ada',
        'orderInformation.billTo.lastName': 'Lovelace',
        'orderInformation.billTo.email': undefined,
      }),
    ).toEqual(expected)
    expect(
      nestFieldValues([
        ['orderInformation.billTo.firstName', 'Ada'],
        ['orderInformation.billTo.lastName', 'Lovelace'],
      ]),
    ).toEqual(expected)
  })
})

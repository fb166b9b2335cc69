import { FLEX_FIELD_PATHS } from 'flex-types'
import { describe, expect, it } from 'vitest'
import { FIELD_CATALOG } from './field-catalog.js'
import {
  DEFAULT_FIELD_SELECTION,
  fieldSelectionQuery,
  readFieldSelection,
  selectedFields,
  toSessionFields,
} from './field-selection.js'

describe('readFieldSelection', () => {
  it('gives the default selection for a query without field paths', () => {
    expect(readFieldSelection(new URLSearchParams(''))).toEqual({
      selection: DEFAULT_FIELD_SELECTION,
      problems: [],
    })
  })

  it('reports a key that is not a field path, showing its name only when it holds no digits', () => {
    expect(readFieldSelection(new URLSearchParams('utm=x'))).toEqual({
      selection: DEFAULT_FIELD_SELECTION,
      problems: ['The address names an unknown field, utm: remove it'],
    })
    const { problems } = readFieldSelection(
      new URLSearchParams('paymentInformation.card.number=required&card4111=x&a%3Cb=1&utm=1&utm=2'),
    )
    expect(problems).toEqual([
      'The address names an unknown field, utm: remove it',
      'The address names 2 unknown field(s) that cannot be shown: remove them',
    ])
  })

  it('reads required and optional fields and leaves out the rest', () => {
    const query = new URLSearchParams({
      'paymentInformation.card.number': 'required',
      'orderInformation.amountDetails.totalAmount': 'required',
      'orderInformation.billTo.postalCode': 'optional',
      'orderInformation.billTo.email': 'off',
    })
    expect(readFieldSelection(query)).toEqual({
      selection: {
        required: ['paymentInformation.card.number', 'orderInformation.amountDetails.totalAmount'],
        optional: ['orderInformation.billTo.postalCode'],
      },
      problems: [],
    })
  })

  it('names the field of a bad or repeated choice, and refuses an empty selection', () => {
    const bad = new URLSearchParams('paymentInformation.card.number=yes')
    expect(readFieldSelection(bad).problems).toEqual([
      'Card number: choose required, optional or off',
    ])
    const twice = new URLSearchParams(
      'orderInformation.billTo.email=required&orderInformation.billTo.email=off',
    )
    expect(readFieldSelection(twice).problems).toEqual(['Email: choose required, optional or off'])
    const none = new URLSearchParams('paymentInformation.card.number=off')
    expect(readFieldSelection(none).problems).toEqual(['Choose at least one field to collect'])
  })

  it('round-trips through fieldSelectionQuery', () => {
    const query = fieldSelectionQuery(DEFAULT_FIELD_SELECTION)
    const { selection } = readFieldSelection(new URLSearchParams(query))
    expect(new Set(selection.required)).toEqual(new Set(DEFAULT_FIELD_SELECTION.required))
    expect(new Set(selection.optional)).toEqual(new Set(DEFAULT_FIELD_SELECTION.optional))
  })
})

describe('selectedFields', () => {
  it('orders the card first, number before expiry before security code', () => {
    expect(selectedFields(DEFAULT_FIELD_SELECTION)).toEqual([
      'paymentInformation.card.number',
      'paymentInformation.card.expirationMonth',
      'paymentInformation.card.expirationYear',
      'paymentInformation.card.securityCode',
      'orderInformation.amountDetails.totalAmount',
      'orderInformation.amountDetails.currency',
      'orderInformation.billTo.firstName',
      'orderInformation.billTo.lastName',
      'orderInformation.billTo.email',
    ])
  })
})

describe('toSessionFields', () => {
  it('states required explicitly on every leaf', () => {
    expect(toSessionFields(DEFAULT_FIELD_SELECTION)).toEqual({
      paymentInformation: {
        card: {
          number: { required: true },
          securityCode: { required: true },
          expirationMonth: { required: true },
          expirationYear: { required: true },
        },
      },
      orderInformation: {
        amountDetails: {
          totalAmount: { required: true },
          currency: { required: true },
        },
        billTo: {
          firstName: { required: false },
          lastName: { required: false },
          email: { required: false },
        },
      },
    })
  })
})

describe('FIELD_CATALOG', () => {
  it('describes each of the 31 paths with a distinct place on the form', () => {
    expect(Object.keys(FIELD_CATALOG)).toEqual([...FLEX_FIELD_PATHS])
    const orders = FLEX_FIELD_PATHS.map((path) => FIELD_CATALOG[path].order)
    expect(new Set(orders).size).toBe(31)
    expect(orders.every((order) => order >= 0)).toBe(true)
    const sensitive = FLEX_FIELD_PATHS.filter((path) => FIELD_CATALOG[path].sensitive)
    expect(sensitive).toEqual([
      'paymentInformation.card.number',
      'paymentInformation.card.securityCode',
    ])
  })
})

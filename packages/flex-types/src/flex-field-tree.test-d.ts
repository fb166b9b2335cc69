import { describe, expectTypeOf, it } from 'vitest'
import type { FlexFieldPath } from './flex-field-paths.js'
import type { PaymentData, SessionFieldSelection, SessionFields } from './flex-field-tree.js'

describe('SessionFields', () => {
  it('accepts the real paths', () => {
    const fields: SessionFields = {
      paymentInformation: { card: { number: {}, securityCode: { required: false } } },
      orderInformation: { shipTo: { company: { required: true } } },
    }
    expectTypeOf(fields).toExtend<SessionFields>()
  })

  it('does not compile with a misspelled path', () => {
    const card: SessionFields = {
      // @ts-expect-error numbr is not a card field
      paymentInformation: { card: { numbr: {} } },
    }
    const shipTo: SessionFields = {
      // @ts-expect-error email is a billTo field, not a shipTo field
      orderInformation: { shipTo: { email: {} } },
    }
    const required: SessionFields = {
      // @ts-expect-error required must be a boolean
      paymentInformation: { card: { number: { required: 'yes' } } },
    }
    expectTypeOf([card, shipTo, required]).toBeArray()
  })

  it('types the flat selection and the data by path', () => {
    expectTypeOf<'paymentInformation.card.number'>().toExtend<FlexFieldPath>()
    expectTypeOf<'paymentInformation.card.pan'>().not.toExtend<FlexFieldPath>()
    expectTypeOf<{
      path: 'orderInformation.billTo.email'
      required: false
    }>().toExtend<SessionFieldSelection>()
    const data: PaymentData = {
      // @ts-expect-error data values are strings
      paymentInformation: { card: { number: 4111 } },
    }
    expectTypeOf(data).toExtend<PaymentData>()
  })
})

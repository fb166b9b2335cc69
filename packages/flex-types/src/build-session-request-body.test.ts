import { expectNoSensitiveData, renderThrown, SENTINEL_CARD_NUMBERS } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { buildSessionRequestBody } from './build-session-request-body.js'
import { FlexValidationError } from './flex-error.js'

function issuesOf(run: () => unknown) {
  try {
    run()
  } catch (error) {
    expect(FlexValidationError.isInstance(error)).toBe(true)
    expect((error as FlexValidationError).code).toBe('ERR_FLEX_SESSION_FIELDS_INVALID')
    return (error as FlexValidationError).issues.map(({ path, reason }) => `${path}:${reason}`)
  }
  throw new Error('expected a FlexValidationError')
}

describe('buildSessionRequestBody', () => {
  it('nests a flat list, required unless marked optional', () => {
    expect(
      buildSessionRequestBody([
        'paymentInformation.card.number',
        { path: 'paymentInformation.card.securityCode', required: false },
        { path: 'orderInformation.billTo.email' },
      ]),
    ).toEqual({
      fields: {
        paymentInformation: {
          card: { number: { required: true }, securityCode: { required: false } },
        },
        orderInformation: { billTo: { email: { required: true } } },
      },
    })
  })

  it('makes "present means required" explicit in the nested form', () => {
    const body = buildSessionRequestBody({
      paymentInformation: { card: { number: {}, expirationMonth: { required: false } } },
      orderInformation: { amountDetails: { totalAmount: { required: true } } },
    })
    expect(JSON.stringify(body)).toBe(
      '{"fields":{"paymentInformation":{"card":{"number":{"required":true},"expirationMonth":{"required":false}}},' +
        '"orderInformation":{"amountDetails":{"totalAmount":{"required":true}}}}}',
    )
  })

  it('names every unknown path, bad requirement and duplicate', () => {
    expect(
      issuesOf(() =>
        buildSessionRequestBody([
          'paymentInformation.card.numbr',
          { path: 'orderInformation.billTo.email', required: 'yes' },
          'paymentInformation.card.number',
          'paymentInformation.card.number',
        ] as never),
      ),
    ).toEqual([
      'fields[0]:unknown-field',
      'orderInformation.billTo.email.required:not-a-boolean',
      'paymentInformation.card.number:duplicate',
    ])
    expect(
      issuesOf(() =>
        buildSessionRequestBody({
          paymentInformation: { card: { number: true, nonsense: {} } },
          orderInformation: 'x',
        } as never),
      ),
    ).toEqual([
      'paymentInformation.card.nonsense:unknown-field',
      'orderInformation:not-an-object',
      'paymentInformation.card.number:not-an-object',
    ])
  })

  it('refuses an empty selection', () => {
    expect(issuesOf(() => buildSessionRequestBody([]))).toEqual(['fields:required'])
    expect(issuesOf(() => buildSessionRequestBody({}))).toEqual(['fields:required'])
  })
})

describe('buildSessionRequestBody never echoes an unknown entry (#13.13)', () => {
  const thrownBy = (run: () => unknown): FlexValidationError => {
    try {
      run()
    } catch (error) {
      return error as FlexValidationError
    }
    throw new Error('expected a FlexValidationError')
  }

  it('names a card number given as a path by its position only', () => {
    const error = thrownBy(() =>
      buildSessionRequestBody([
        'paymentInformation.card.number',
        ...SENTINEL_CARD_NUMBERS,
        { path: SENTINEL_CARD_NUMBERS[0], required: true },
      ] as never),
    )
    expect(error.issues.map((issue) => issue.path)).toEqual(
      [...SENTINEL_CARD_NUMBERS, 0].map((_, index) => `fields[${index + 1}]`),
    )
    expectNoSensitiveData(renderThrown(error))
    expectNoSensitiveData(JSON.stringify(error.issues))
  })

  it('keeps the error small for a 100 KB entry', () => {
    const huge = `paymentInformation.card.${'a'.repeat(100_000)}`
    const error = thrownBy(() => buildSessionRequestBody([huge] as never))
    expect(error.issues).toEqual([
      { path: 'fields[0]', reason: 'unknown-field', message: 'is not a field path' },
    ])
    expect(error.message.length).toBeLessThan(200)
  })

  it('bounds an unknown key of the nested form too', () => {
    const error = thrownBy(() =>
      buildSessionRequestBody({
        paymentInformation: { card: { [`${'abcdefgh.'.repeat(11_000)}x`]: {} } },
      } as never),
    )
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'paymentInformation.card.abcdefgh.abcdefgh.abcdefgh.abcdefgh.abcdefgh.abcdefgh.abcdefgh.<unrecognized key>',
    ])
    expect(error.message.length).toBeLessThan(300)
  })
})

import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { buildTokenContent } from './build-token-content.js'

const pan = SENTINEL_CARD_NUMBERS[0] as string

describe('buildTokenContent', () => {
  it('masks all but the last four digits, keeps the BIN and names the card type', () => {
    const content = buildTokenContent({ paymentInformation: { card: { number: pan } } })
    expect(content).toEqual({
      paymentInformation: {
        card: {
          number: {
            maskedValue: `${'X'.repeat(pan.length - 4)}${pan.slice(-4)}`,
            bin: pan.slice(0, 6),
          },
          type: { value: '001' },
        },
      },
    })
    expectNoSensitiveData(content)
  })

  it('leaves out the type of a brand it does not know and what was not captured', () => {
    expect(
      buildTokenContent({ paymentInformation: { card: { number: '9999999999999995' } } }),
    ).toEqual({
      paymentInformation: {
        card: { number: { maskedValue: 'XXXXXXXXXXXX9995', bin: '999999' } },
      },
    })
    expect(buildTokenContent({ paymentInformation: { card: { expirationYear: '2031' } } })).toEqual(
      { paymentInformation: { card: { expirationYear: { value: '2031' } } } },
    )
  })

  it('gives no content when no card member was captured', () => {
    expect(buildTokenContent({ orderInformation: { billTo: { email: 'a@example.com' } } })).toBe(
      undefined,
    )
    expect(buildTokenContent({ paymentInformation: { card: {} } })).toBeUndefined()
  })
})

import { inspect } from 'node:util'
import type { FlexPublicJwk } from 'flex-types'
import {
  expectNoSensitiveData,
  generateRsaKeyPair,
  renderThrown,
  SENTINEL_CARD_NUMBERS,
  SENTINEL_SECURITY_CODE,
} from 'test-utils'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { encryptPaymentData } from './encrypt-payment-data.js'
import { createTestCaptureContext, TEST_DATE } from './test/create-test-capture-context.js'

const [VISA, VISA_3DS] = SENTINEL_CARD_NUMBERS as [string, string]
const CODE = SENTINEL_SECURITY_CODE
const SECRETS = [VISA, VISA_3DS, CODE]
const options = { currentDate: TEST_DATE }

let jwk: FlexPublicJwk
beforeAll(async () => {
  jwk = (await generateRsaKeyPair({ usage: 'encrypt', kid: 'leak-test' }))
    .publicJwk as FlexPublicJwk
})

const card = (number: string, extra: Record<string, unknown> = {}) => ({
  paymentInformation: {
    card: {
      number,
      securityCode: CODE,
      expirationMonth: '12',
      expirationYear: '2031',
      ...extra,
    },
  },
})

type Scenario = [name: string, run: () => Promise<unknown>]

const scenarios = (): Scenario[] => {
  const context = () => createTestCaptureContext(jwk)
  return [
    [
      'another field invalid',
      () => encryptPaymentData(context(), card(VISA, { expirationMonth: '13' }), options),
    ],
    [
      'card number with a stray letter',
      () => encryptPaymentData(context(), card(`${VISA}x`), options),
    ],
    [
      'card number too long',
      () => encryptPaymentData(context(), card(`${VISA}${VISA_3DS}`), options),
    ],
    [
      'card number as a number',
      () => encryptPaymentData(context(), card(Number(VISA) as never), options),
    ],
    [
      'security code too long',
      () => encryptPaymentData(context(), card(VISA, { securityCode: `${CODE}1` }), options),
    ],
    [
      'security code in a field not collected',
      () =>
        encryptPaymentData(
          context(),
          { ...card(VISA_3DS), 'orderInformation.shipTo.company': CODE } as never,
          options,
        ),
    ],
    [
      'card number under an unknown key',
      () => encryptPaymentData(context(), { ...card(VISA), extra: VISA_3DS } as never, options),
    ],
    [
      'card number as a top-level key',
      () => encryptPaymentData(context(), { ...card(VISA), [VISA_3DS]: CODE } as never, options),
    ],
    [
      'card number as a nested key',
      () =>
        encryptPaymentData(
          context(),
          { paymentInformation: { card: { [VISA]: CODE } } } as never,
          options,
        ),
    ],
    [
      'card number as a dotted key',
      () =>
        encryptPaymentData(
          context(),
          { [`paymentInformation.card.${VISA}`]: CODE } as never,
          options,
        ),
    ],
    [
      'security code as a key',
      () => encryptPaymentData(context(), { ...card(VISA), [`a${CODE}`]: '1' } as never, options),
    ],
    [
      'a flat and a nested card number',
      () =>
        encryptPaymentData(
          context(),
          { ...card(VISA), 'paymentInformation.card.number': VISA_3DS } as never,
          options,
        ),
    ],
    [
      'an expired capture context',
      () =>
        encryptPaymentData(
          createTestCaptureContext(jwk, { expiresAt: TEST_DATE }),
          card(VISA),
          options,
        ),
    ],
    [
      'an unusable one-time key',
      () => encryptPaymentData(createTestCaptureContext({ ...jwk, e: 'AQ' }), card(VISA), options),
    ],
    [
      'options.algorithm set to a card number',
      () => encryptPaymentData(context(), card(VISA), { algorithm: VISA_3DS as never }),
    ],
    [
      'options.currentDate set to a card number',
      () => encryptPaymentData(context(), card(VISA), { currentDate: VISA_3DS as never }),
    ],
    [
      'options set to a card number',
      () => encryptPaymentData(context(), card(VISA), VISA as never),
    ],
    [
      'captureContext.jwt set to a card number',
      () => encryptPaymentData({ ...context(), jwt: VISA }, card(VISA_3DS), options),
    ],
    [
      'captureContext set to a card number',
      () => encryptPaymentData(VISA as never, card(VISA_3DS), options),
    ],
    ['data set to a card number', () => encryptPaymentData(context(), VISA as never, options)],
    [
      'WebCrypto failing with the data in its message',
      async () => {
        const captureContext = context()
        await encryptPaymentData(captureContext, card(VISA), options)
        vi.spyOn(crypto.subtle, 'encrypt').mockRejectedValueOnce(
          Object.assign(new Error(`bad input ${VISA} ${CODE}`), { input: card(VISA_3DS) }),
        )
        return encryptPaymentData(captureContext, card(VISA), options)
      },
    ],
  ]
}

describe('no card data in anything encryptPaymentData throws', () => {
  it.each(scenarios().map(([name, run]) => ({ name, run })))('$name', async ({ run }) => {
    let thrown: unknown = 'nothing was thrown'
    try {
      await run()
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(Error)
    const error = thrown as Error
    const renderings = [
      String(error),
      error.message,
      JSON.stringify(error),
      JSON.stringify(error, Object.getOwnPropertyNames(error)),
      inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      renderThrown(error),
    ]
    for (const rendering of renderings) {
      for (const secret of SECRETS) expect(rendering.includes(secret)).toBe(false)
    }
    expectNoSensitiveData(error, [CODE])
  })
})

import { type CaptureContext, FLEX_ENVIRONMENTS, FlexValidationError } from 'flex-types'
import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { type AuthorizePaymentOptions, authorizePayment } from './authorize-payment.js'
import {
  createFakePaymentsClient,
  createTestToken,
  NOW,
  TEST_JTI,
  VALID_TOKEN,
} from './test/fake-payments-client.js'

const base: AuthorizePaymentOptions = {
  transientToken: VALID_TOKEN,
  amount: '10.00',
  currency: 'USD',
  currentDate: NOW,
}
const seconds = NOW.getTime() / 1000
const pan = SENTINEL_CARD_NUMBERS[0] ?? ''

function captureContextFrom(origin: string): CaptureContext {
  return { claims: { flx: { origin } } } as unknown as CaptureContext
}

async function refusal(options: Partial<AuthorizePaymentOptions>, origin?: string) {
  const client = createFakePaymentsClient([], origin)
  const error = await authorizePayment(client, {
    ...base,
    ...options,
  } as AuthorizePaymentOptions).catch((caught: unknown) => caught)
  expect(client.calls).toEqual([])
  expectNoSensitiveData(error, [VALID_TOKEN, pan])
  return error
}

describe('authorizePayment refuses bad input before any request', () => {
  it.each([
    ['a negative amount', { amount: '-10.00' }, 'amount', 'out-of-range'],
    ['a zero amount', { amount: '0.00' }, 'amount', 'out-of-range'],
    ['three decimals in USD', { amount: '10.001' }, 'amount', 'format'],
    ['decimals in JPY', { amount: '100.5', currency: 'JPY' }, 'amount', 'format'],
    ['four decimals in KWD', { amount: '1.0001', currency: 'KWD' }, 'amount', 'format'],
    ['an amount with a comma', { amount: '10,00' }, 'amount', 'format'],
    ['an amount with an exponent', { amount: '1e3' }, 'amount', 'format'],
    ['a leading zero', { amount: '010.00' }, 'amount', 'format'],
    ['an over-long amount', { amount: '1'.repeat(20) }, 'amount', 'length'],
    ['a card number as amount', { amount: `${pan}1234` }, 'amount', 'length'],
    ['an unknown currency', { currency: 'ABC' }, 'currency', 'format'],
    ['a lower-case currency', { currency: 'usd' }, 'currency', 'format'],
    ['a currency without a minor unit', { currency: 'XAU' }, 'currency', 'format'],
    ['a token that is not a JWT', { transientToken: 'not a token' }, 'transientToken', 'format'],
    [
      'a token without exp',
      { transientToken: createTestToken({ jti: TEST_JTI }) },
      'transientToken',
      'format',
    ],
    [
      'an expired token',
      { transientToken: createTestToken({ exp: seconds - 1 }) },
      'transientToken',
      'expired',
    ],
    [
      'a token expiring now',
      { transientToken: createTestToken({ exp: seconds }) },
      'transientToken',
      'expired',
    ],
    ['a jti with unsafe characters', { transientToken: undefined, jti: 'a/b' }, 'jti', 'format'],
    ['an unsafe transactionId', { transactionId: '../x' }, 'transactionId', 'format'],
    ['an over-long transactionId', { transactionId: 'x'.repeat(65) }, 'transactionId', 'format'],
    [
      'an over-long clientReference',
      { clientReference: 'x'.repeat(51) },
      'clientReference',
      'length',
    ],
    ['a clientReference with a newline', { clientReference: 'a\nb' }, 'clientReference', 'length'],
    [
      'an unknown billTo member',
      { billTo: { cardNumber: pan } as never },
      'billTo',
      'unknown-field',
    ],
    ['an empty billTo member', { billTo: { country: '' } }, 'billTo.country', 'format'],
    [
      'a capture context of production with a test client',
      { captureContext: captureContextFrom(FLEX_ENVIRONMENTS.production.flexOrigin) },
      'captureContext',
      'not-allowed',
    ],
  ])('refuses %s', async (_title, options, path, reason) => {
    const error = await refusal(options as Partial<AuthorizePaymentOptions>)
    expect(FlexValidationError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ code: 'ERR_FLEX_DATA_INVALID' })
    expect((error as FlexValidationError).issues).toEqual([
      { path, reason, message: expect.any(String) },
    ])
    expect((error as Error).message).toContain(`${path} (${reason})`)
  })

  it('refuses a test capture context with a production client', async () => {
    const error = await refusal(
      { captureContext: captureContextFrom(FLEX_ENVIRONMENTS.test.flexOrigin) },
      FLEX_ENVIRONMENTS.production.apiOrigin,
    )
    expect((error as FlexValidationError).issues[0]?.path).toBe('captureContext')
  })

  it('lists every problem at once', async () => {
    const error = await refusal({
      amount: '-1',
      transactionId: '!',
      transientToken: createTestToken({ exp: 1 }),
    })
    expect((error as FlexValidationError).issues.map((issue) => issue.path)).toEqual([
      'transientToken',
      'amount',
      'transactionId',
    ])
  })

  it.each([
    ['a number amount', { amount: 10 }, 'amount'],
    ['a number currency', { currency: 840 }, 'currency'],
    ['both transientToken and jti', { jti: TEST_JTI }, 'transientToken'],
    ['neither transientToken nor jti', { transientToken: undefined }, 'transientToken'],
    ['a non-boolean capture', { capture: 'yes' }, 'capture'],
    ['a signal that is not an AbortSignal', { signal: {} }, 'signal'],
    ['a bad clock', { currentDate: 'now' }, 'currentDate'],
    ['a billTo that is not an object', { billTo: 'x' }, 'billTo'],
    ['a capture context without flx.origin', { captureContext: {} }, 'captureContext'],
  ])('throws a usage error for %s', async (_title, options, option) => {
    const error = await refusal(options as Partial<AuthorizePaymentOptions>)
    expect(error).toBeInstanceOf(TypeError)
    expect(error).toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' })
    expect((error as Error).message).toMatch(new RegExp(`^authorizePayment: ${option} `))
  })

  it('accepts an emulator origin with any capture context (environment unknown)', async () => {
    const client = createFakePaymentsClient(
      [{ status: 201, body: { id: '1', status: 'AUTHORIZED' }, correlationId: undefined }],
      'http://127.0.0.1:4010',
    )
    const result = await authorizePayment(client, {
      ...base,
      captureContext: captureContextFrom(FLEX_ENVIRONMENTS.production.flexOrigin),
    })
    expect(result.status).toBe('AUTHORIZED')
  })

  it('refuses a client without request()', async () => {
    const error = await authorizePayment({ origin: 'x' } as never, base).catch(
      (caught: unknown) => caught,
    )
    expect(error).toMatchObject({
      code: 'ERR_INVALID_ARG_VALUE',
      message: expect.stringMatching(/^authorizePayment: client /),
    })
  })
})

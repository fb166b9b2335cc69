import {
  FlexAuthenticationError,
  FlexNetworkError,
  FlexRateLimitError,
  FlexRequestError,
  FlexServerError,
  FlexTimeoutError,
  FlexUnexpectedResponseError,
} from 'flex-client'
import { expectNoSensitiveData } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { authorizePayment } from './authorize-payment.js'
import { FlexPaymentOutcomeUnknownError } from './errors.js'
import { createFakePaymentsClient, NOW, VALID_TOKEN } from './test/fake-payments-client.js'

const PATH = '/pts/v2/payments'
const base = { transientToken: VALID_TOKEN, amount: '10.00', currency: 'USD', currentDate: NOW }

async function authorizeFailing(
  error: unknown,
  options: Partial<typeof base> & {
    capture?: boolean
    transactionId?: string
    signal?: AbortSignal
  } = {},
) {
  const client = createFakePaymentsClient([{ error }])
  const thrown = await authorizePayment(client, { ...base, ...options }).catch(
    (caught: unknown) => caught,
  )
  expect(client.calls).toHaveLength(1)
  expectNoSensitiveData(thrown, [VALID_TOKEN])
  return thrown
}

describe('authorizePayment: no answer means the outcome is unknown', () => {
  it('turns a timeout into FlexPaymentOutcomeUnknownError naming transactionId and reverseAfterTimeout', async () => {
    const timeout = new FlexTimeoutError({ method: 'POST', path: PATH, timeout: 30_000 })
    const error = await authorizeFailing(timeout, { transactionId: 'order-7' })
    expect(FlexPaymentOutcomeUnknownError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({
      code: 'ERR_FLEX_PAYMENT_OUTCOME_UNKNOWN',
      transactionId: 'order-7',
      recovery: 'reverseAfterTimeout',
      operation: 'authorizePayment',
      path: PATH,
      cause: timeout,
    })
    expect((error as Error).message).toContain('reverseAfterTimeout')
    expect((error as Error).message).toContain('transactionId')
    expect((error as Error).message).toContain('do not send it again')
  })

  it('carries the generated transactionId the request was sent with', async () => {
    const client = createFakePaymentsClient([
      { error: new FlexTimeoutError({ method: 'POST', path: PATH, timeout: 1 }) },
    ])
    const error = await authorizePayment(client, base).catch((caught: unknown) => caught)
    const sent = client.calls[0]?.body as { clientReferenceInformation: { transactionId: string } }
    expect((error as FlexPaymentOutcomeUnknownError).transactionId).toBe(
      sent.clientReferenceInformation.transactionId,
    )
  })

  it('names voidAfterTimeout for a sale', async () => {
    const error = await authorizeFailing(
      new FlexTimeoutError({ method: 'POST', path: PATH, timeout: 1 }),
      { capture: true },
    )
    expect(error).toMatchObject({ recovery: 'voidAfterTimeout' })
    expect((error as Error).message).toContain('voidAfterTimeout')
  })

  it.each([
    [
      'a dropped connection',
      new FlexNetworkError({ method: 'POST', path: PATH }),
      'ERR_FLEX_NETWORK',
    ],
    [
      'a 502 SERVER_TIMEOUT',
      new FlexServerError({ status: 502, method: 'POST', path: PATH, reason: 'SERVER_TIMEOUT' }),
      'ERR_FLEX_SERVER',
    ],
    [
      'a 201 whose body is not JSON',
      new FlexUnexpectedResponseError({
        status: 201,
        method: 'POST',
        path: PATH,
        contentType: 'text/html',
      }),
      'ERR_FLEX_UNEXPECTED_RESPONSE',
    ],
  ])('does the same for %s, keeping it as the cause', async (_title, cause, code) => {
    const error = await authorizeFailing(cause)
    expect(FlexPaymentOutcomeUnknownError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ code: 'ERR_FLEX_PAYMENT_OUTCOME_UNKNOWN', cause: { code } })
  })

  it('does the same when the caller aborted the request while it was under way', async () => {
    const controller = new AbortController()
    const client = {
      origin: 'https://apitest.cybersource.com',
      async request() {
        controller.abort()
        throw new DOMException('aborted', 'AbortError')
      },
    }
    const error = await authorizePayment(client, { ...base, signal: controller.signal }).catch(
      (caught: unknown) => caught,
    )
    expect(FlexPaymentOutcomeUnknownError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ code: 'ERR_FLEX_PAYMENT_OUTCOME_UNKNOWN' })
  })

  it('sends nothing and throws the abort reason when the signal was aborted before the call', async () => {
    const controller = new AbortController()
    const reason = new Error('caller gave up')
    controller.abort(reason)
    const client = createFakePaymentsClient()
    const error = await authorizePayment(client, { ...base, signal: controller.signal }).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBe(reason)
    expect(client.calls).toEqual([])
  })
})

describe('authorizePayment: refusals pass through as flex-client errors', () => {
  it('keeps a 400 as FlexRequestError with the reason and the fields named in details', async () => {
    const refused = new FlexRequestError({
      status: 400,
      method: 'POST',
      path: PATH,
      reason: 'MISSING_FIELD',
      fieldLocations: ['orderInformation.billTo.country'],
    })
    const error = await authorizeFailing(refused)
    expect(error).toBe(refused)
    expect(error).toMatchObject({
      code: 'ERR_FLEX_REQUEST_INVALID',
      reason: 'MISSING_FIELD',
      fieldLocations: ['orderInformation.billTo.country'],
    })
  })

  it.each([
    ['401', new FlexAuthenticationError({ status: 401, method: 'POST', path: PATH })],
    ['429', new FlexRateLimitError({ status: 429, method: 'POST', path: PATH, retryAfter: 2 })],
  ])(
    'keeps a %s as it is (the request was refused, nothing to reverse)',
    async (_status, refused) => {
      const error = await authorizeFailing(refused)
      expect(error).toBe(refused)
      expect(FlexPaymentOutcomeUnknownError.isInstance(error)).toBe(false)
    },
  )
})

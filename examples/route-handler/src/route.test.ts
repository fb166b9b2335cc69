import { type FlexEmulator, startFlexEmulator } from 'flex-emulator'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { POST } from './route.js'

let emulator: FlexEmulator
beforeAll(async () => {
  emulator = await startFlexEmulator({ keyPool: { reuseKeys: true } })
  vi.stubEnv('FLEX_ORIGIN', emulator.url)
  vi.stubEnv('FLEX_MERCHANT_ID', emulator.merchant.merchantId)
  vi.stubEnv('FLEX_KEY_ID', emulator.merchant.keyId)
  vi.stubEnv('FLEX_SHARED_SECRET', emulator.merchant.sharedSecret)
})
afterAll(() => emulator.close())

const post = (body: unknown) =>
  POST(
    new Request('http://localhost/api/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  )
const amex = {
  paymentInformation: {
    card: {
      number: '3782 822463 10005',
      securityCode: '1234',
      expirationMonth: '12',
      expirationYear: '2031',
    },
  },
}

it('answers a verified transient token for valid card data', async () => {
  const response = await post(amex)
  expect(response.status).toBe(200)
  const { transientToken } = (await response.json()) as { transientToken: string }
  expect(emulator.inspectTransientToken(transientToken)?.maskedCard?.lastFour).toBe('0005')
})

it('answers 422 naming each field at fault, never a value', async () => {
  const response = await post({ paymentInformation: { card: { number: '4111111111111112' } } })
  expect(response.status).toBe(422)
  const { issues } = (await response.json()) as { issues: { path: string; reason: string }[] }
  expect(issues).toContainEqual({ path: 'paymentInformation.card.number', reason: 'luhn' })
  expect(issues).toContainEqual({
    path: 'paymentInformation.card.expirationMonth',
    reason: 'required',
  })
})

import { type FlexEmulator, startFlexEmulator } from 'flex-emulator'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createApp } from './app.js'

let emulator: FlexEmulator
beforeAll(async () => {
  emulator = await startFlexEmulator({ keyPool: { reuseKeys: true } })
})
afterAll(() => emulator.close())

const card = (securityCode: string) => ({
  paymentInformation: {
    card: {
      number: '4111 1111 1111 1111',
      securityCode,
      expirationMonth: '12',
      expirationYear: '2031',
    },
  },
})

async function checkout(body: unknown): Promise<Response> {
  const app = createApp({ flex: { origin: emulator.url, credentials: emulator.merchant } })
  return await app.request('/checkout', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

it('turns card data into a verified transient token', async () => {
  const response = await checkout(card('123'))
  expect(response.status).toBe(200)
  const { transientToken, expiresAt } = (await response.json()) as Record<string, string>
  expect(transientToken?.split('.')).toHaveLength(3)
  expect(Date.parse(expiresAt ?? '')).toBeGreaterThan(Date.now())
  expect(emulator.inspectTransientToken(transientToken ?? '')?.maskedCard?.lastFour).toBe('1111')
})

it('answers 422 with the field at fault, never its value', async () => {
  const response = await checkout(card('1234'))
  expect(response.status).toBe(422)
  expect(await response.json()).toEqual({
    issues: [{ path: 'paymentInformation.card.securityCode', reason: 'length' }],
  })
})

it('answers 502 with the stable code when Flex fails', async () => {
  emulator.faults.inject('sessions', { status: 500, times: 5 })
  try {
    const response = await checkout(card('123'))
    expect(response.status).toBe(502)
    expect(await response.json()).toEqual({ error: expect.stringMatching(/^ERR_FLEX_/) })
  } finally {
    emulator.faults.clear()
  }
})

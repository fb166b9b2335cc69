import { type FlexEmulator, startFlexEmulator } from 'flex-emulator'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { tokenizeCard } from './tokenize-card.js'

let emulator: FlexEmulator
beforeAll(async () => {
  // reuseKeys: a few RSA keys shared by all capture contexts, so the suite starts fast.
  emulator = await startFlexEmulator({ keyPool: { reuseKeys: true } })
})
afterEach(() => {
  emulator.faults.clear()
  emulator.clock.reset()
})
afterAll(() => emulator.close())

const card = {
  paymentInformation: {
    card: { number: '4111 1111 1111 1111', expirationMonth: '12', expirationYear: '2031' },
  },
}
const options = () => ({ origin: emulator.url, credentials: emulator.merchant })

it('tokenizes a card, and the emulator shows what the token was made from', async () => {
  const jwt = await tokenizeCard(options(), card)
  const inspected = emulator.inspectTransientToken(jwt)
  expect(inspected?.maskedCard?.lastFour).toBe('1111')
})

it('retries a 503 from the sessions route', async () => {
  emulator.faults.inject('sessions', { status: 503, times: 1 })
  await expect(tokenizeCard(options(), card)).resolves.toMatch(/^eyJ/)
})

it('surfaces a server error that outlasts the retries with its stable code', async () => {
  emulator.faults.inject('sessions', { status: 500, times: 10 })
  await expect(tokenizeCard(options(), card)).rejects.toMatchObject({
    code: expect.stringMatching(/^ERR_FLEX_/),
  })
})

import { describe, expect, it } from 'vitest'
import {
  createSwitchableStorage,
  expectNothingSensitive,
  paymentForm,
  tokenFromBrowser,
  useDemoHarness,
} from './test/demo-harness.js'
import { newFormReference } from './verify-and-consume.js'

const demo = useDemoHarness()

function payWith(transientToken: string, reference: string, amount = '12.00') {
  return demo.post('/payments/token', {
    transientToken,
    reference,
    'orderInformation.amountDetails.totalAmount': amount,
    'orderInformation.amountDetails.currency': 'USD',
    intent: 'sale',
  })
}

describe('POST /payments/token: a token posted back is matched through the store, paid once', () => {
  it('pays a token of a saved context once; the same token posted again is refused (409)', async () => {
    const reference = newFormReference()
    const jwt = await tokenFromBrowser(demo.functions, reference)
    const paid = await demo.follow(await payWith(jwt, reference))
    expect(paid.status).toBe(200)
    const html = await paid.text()
    expect(html).toContain('Sale of 12.00 USD')
    expect(html).toContain('•••• 0005')
    expect(demo.authorizations()).toBe(1)

    for (const amount of ['12.00', '13.00']) {
      const replay = await payWith(jwt, reference, amount)
      expect(replay.status).toBe(409)
      const page = await replay.text()
      expect(page).toContain('This card entry was already used')
      expect(page).toContain('Nothing was charged (ERR_FLEX_TOKEN_ALREADY_USED)')
      expectNothingSensitive(page)
    }
    expect(demo.authorizations()).toBe(1)
    const refusals = demo.logs.filter(
      (entry) => entry.msg === 'token payment' && entry.outcome === 'refused',
    )
    expect(refusals).toHaveLength(2)
    expect(refusals[0]).toMatchObject({ reference, code: 'ERR_FLEX_TOKEN_ALREADY_USED' })
    expectNothingSensitive(JSON.stringify(demo.logs))
    expect(JSON.stringify(demo.logs)).not.toContain(jwt.split('.')[2])
  })

  it('refuses a token whose capture context was never saved, and pays nothing', async () => {
    const jwt = await tokenFromBrowser(demo.functions, undefined)
    const response = await payWith(jwt, newFormReference())
    expect(response.status).toBe(422)
    const page = await response.text()
    expect(page).toContain('This card entry cannot be used')
    expect(page).toContain('(ERR_FLEX_TOKEN_INVALID)')
    expect(demo.authorizations()).toBe(0)
    expect(demo.logs.find((entry) => entry.msg === 'token payment')).toMatchObject({
      outcome: 'refused',
      code: 'ERR_FLEX_TOKEN_INVALID',
    })
  })

  it('refuses a token whose capture context the storage let expire, and pays nothing', async () => {
    const clock = { now: Date.now() }
    const { storage } = createSwitchableStorage(clock)
    const functions = demo.functionsOn(storage)
    demo.reset(functions)
    const reference = newFormReference()
    const jwt = await tokenFromBrowser(functions, reference)
    clock.now += 20 * 60_000 // past the context's 15 minutes and the store's 60 s tolerance
    const response = await payWith(jwt, reference)
    expect(response.status).toBe(422)
    expect(await response.text()).toContain('(ERR_FLEX_TOKEN_INVALID)')
    expect(demo.authorizations()).toBe(0)
  })

  it('refuses a token made for another form, and pays nothing', async () => {
    const jwt = await tokenFromBrowser(demo.functions, newFormReference())
    const response = await payWith(jwt, newFormReference())
    expect(response.status).toBe(422)
    expect(await response.text()).toContain('(ERR_FLEX_TOKEN_INVALID)')
    expect(demo.authorizations()).toBe(0)
  })

  it('fails closed on a storage failure: 503 with the code, nothing paid, nothing consumed', async () => {
    const { storage, state } = createSwitchableStorage({ now: Date.now() })
    const functions = demo.functionsOn(storage)
    demo.reset(functions)
    const reference = newFormReference()
    const jwt = await tokenFromBrowser(functions, reference)
    state.failing = true
    const response = await payWith(jwt, reference)
    expect(response.status).toBe(503)
    const page = await response.text()
    expect(page).toContain('Payments are paused')
    expect(page).toContain('Nothing was charged (ERR_FLEX_STORAGE_FAILED)')
    expect(demo.authorizations()).toBe(0)
    expectNothingSensitive(page + JSON.stringify(demo.logs))
    // Nothing was consumed: once the storage is back the same token pays, once.
    state.failing = false
    expect((await payWith(jwt, reference)).status).toBe(303)
    expect((await payWith(jwt, reference)).status).toBe(409)
    expect(demo.authorizations()).toBe(1)
  })

  it('shows a payment the service refuses (502 with the code); the spent token is not paid again', async () => {
    const reference = newFormReference()
    const jwt = await tokenFromBrowser(demo.functions, reference)
    demo.emulator.faults.inject('payments', { status: 400, times: 1 })
    const refused = await payWith(jwt, reference)
    expect(refused.status).toBe(502)
    expect(await refused.text()).toContain('Nothing was charged (ERR_FLEX_REQUEST_INVALID)')
    expect((await payWith(jwt, reference)).status).toBe(409)
    expect(demo.authorizations()).toBe(1)
  })

  it('refuses a post without a token or a well-formed reference (400) before any Flex call', async () => {
    for (const form of [
      { reference: newFormReference() },
      { transientToken: 'e30.e30.e30', reference: 'short' },
      { transientToken: 'e30.e30.e30' },
    ]) {
      const response = await demo.post('/payments/token', {
        ...form,
        'orderInformation.amountDetails.totalAmount': '1.00',
        'orderInformation.amountDetails.currency': 'USD',
      })
      expect(response.status).toBe(400)
    }
    expect(demo.authorizations()).toBe(0)
  })
})

describe('POST /payments: the terminal form through the store', () => {
  it('saves its context with the form reference and consumes its token before paying', async () => {
    const reference = newFormReference()
    const response = await demo.post('/payments', { ...paymentForm('10.00'), reference })
    expect(response.status).toBe(303)
    expect(demo.authorizations()).toBe(1)
    expect(demo.logs.find((entry) => entry.msg === 'payment form')).toMatchObject({ reference })
    const token = demo.tokens.at(-1)
    if (!token) throw new Error('no token was verified')
    expect(token).toMatchObject({ reference })
    await expect(demo.functions.consumeTransientToken(token)).rejects.toMatchObject({
      code: 'ERR_FLEX_TOKEN_ALREADY_USED',
    })
  })

  it('keeps the posted reference on the form after a failure, and refuses a malformed one', async () => {
    const reference = newFormReference()
    const invalid = await demo.post('/payments', { ...paymentForm('0.00'), reference })
    expect(invalid.status).toBe(422)
    expect(await invalid.text()).toContain(`name="reference" value="${reference}"`)
    const malformed = await demo.post('/payments', { ...paymentForm('1.00'), reference: 'a b' })
    expect(malformed.status).toBe(400)
    expect(demo.calls).toEqual([])
  })

  it('fails closed when the storage fails: 503 with the code on the form, nothing paid', async () => {
    const { storage, state } = createSwitchableStorage({ now: Date.now() })
    state.failing = true
    demo.reset(demo.functionsOn(storage))
    const response = await demo.post('/payments', paymentForm('10.00'))
    expect(response.status).toBe(503)
    const html = await response.text()
    expect(html).toContain('Verify capture context failed')
    expect(html).toContain('ERR_FLEX_STORAGE_FAILED')
    expect(html).toContain('(FLEX_DEMO_REDIS_URL) cannot be reached: nothing was charged')
    expect(demo.authorizations()).toBe(0)
    expect(demo.logs.find((entry) => entry.msg === 'payment form')).toMatchObject({
      outcome: 'failed',
      failedStep: 'verify-capture-context',
      code: 'ERR_FLEX_STORAGE_FAILED',
    })
    expectNothingSensitive(html + JSON.stringify(demo.logs))
  })
})

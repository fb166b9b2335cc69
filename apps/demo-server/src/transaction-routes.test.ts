import { describe, expect, it } from 'vitest'
import { expectNothingSensitive, paymentForm, useDemoHarness } from './test/demo-harness.js'

const demo = useDemoHarness()

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&#39;', "'")
    .replace(/\s+/g, ' ')
}

/** Pays, and returns the transaction's id (from the receipt's link). */
async function pay(amount: string, intent: 'sale' | 'authorize'): Promise<string> {
  const receipt = await (
    await demo.follow(await demo.post('/payments', paymentForm(amount, intent)))
  ).text()
  const id = /href="\/transactions\/([0-9a-f]{20})"/.exec(receipt)?.[1]
  if (!id) throw new Error('the receipt links no transaction')
  return id
}

function actionsOf(html: string): string[] {
  return [...html.matchAll(/href="\/transactions\/[0-9a-f]{20}\/([a-z]+)"/g)].map(
    (match) => match[1] ?? '',
  )
}

/** Opens the confirmation page, then confirms with its version (and an amount). */
async function act(id: string, action: string, amount?: string): Promise<Response> {
  const confirm = await demo.get(`/transactions/${id}/${action}`)
  expect(confirm.status).toBe(200)
  const html = await confirm.text()
  const version = /name="version" value="(\d+)"/.exec(html)?.[1] ?? ''
  // Without an amount of its own, the agent confirms the one the page offers (the rest).
  const offered = /name="amount"[^>]* value="([^"]*)"/.exec(html)?.[1]
  const chosen = amount ?? offered
  return demo.post(`/transactions/${id}/${action}`, {
    version,
    ...(chosen ? { amount: chosen } : {}),
  })
}

async function actAndShow(id: string, action: string, amount?: string): Promise<string> {
  return text(await (await demo.follow(await act(id, action, amount))).text())
}

describe('an authorization: capture part, refund part, then what is left', () => {
  it('offers capture and reverse, then captures part, refunds part, each confirmed first', async () => {
    const id = await pay('30.00', 'authorize')
    const fresh = await (await demo.get(`/transactions/${id}`)).text()
    expect(actionsOf(fresh)).toEqual(['capture', 'reverse'])
    const confirm = text(await (await demo.get(`/transactions/${id}/capture`)).text())
    expect(confirm).toContain('Confirm the capture')
    expect(confirm).toContain('At most 30.00: lower it for a partial capture.')
    expect(demo.logs.filter((entry) => entry.operation === 'capturePayment')).toEqual([])

    const captured = await actAndShow(id, 'capture', '10.00')
    expect(captured).toContain('Capture of 10.00 USD: done')
    expect(captured).toContain('Status PENDING')
    expect(captured).toContain('30.00 USD · 10.00 · 0.00')
    const afterCapture = await (await demo.get(`/transactions/${id}`)).text()
    expect(actionsOf(afterCapture)).toEqual(['capture', 'refund', 'void'])

    const refunded = await actAndShow(id, 'refund', '4.00')
    expect(refunded).toContain('Refund of 4.00 USD: done')
    expect(refunded).toContain('30.00 USD · 10.00 · 4.00')
    const history = await (await demo.get(`/transactions/${id}`)).text()
    expect(actionsOf(history)).toEqual(['capture', 'refund'])
    expect(text(history)).toMatch(
      /Authorization 30\.00 done AUTHORIZED .*Capture 10\.00 done PENDING .*Refund 4\.00 done PENDING/,
    )
    expect(demo.logs.find((entry) => entry.msg === 'transaction action')).toMatchObject({
      action: 'capture',
      outcome: 'done',
      status: 'PENDING',
      amount: '10.00',
    })
    expectNothingSensitive(history + JSON.stringify(demo.logs))
  })

  it('captures all, then refunds all, by the amounts the confirmation offers', async () => {
    const id = await pay('30.00', 'authorize')
    const captured = await actAndShow(id, 'capture')
    expect(captured).toContain('Capture of 30.00 USD: done')
    expect(captured).toContain('30.00 USD · 30.00 · 0.00')
    expect(text(await (await demo.get(`/transactions/${id}/refund`)).text())).toContain(
      'At most 30.00',
    )
    const refunded = await actAndShow(id, 'refund')
    expect(refunded).toContain('Refund of 30.00 USD: done')
    expect(actionsOf(await (await demo.get(`/transactions/${id}`)).text())).toEqual([])
  })

  it('refuses an amount over what is left, or not an amount, before any call to Flex', async () => {
    const id = await pay('30.00', 'authorize')
    await actAndShow(id, 'capture', '10.00')
    const over = await act(id, 'capture', '25.00')
    expect(over.status).toBe(422)
    expect(text(await over.text())).toContain('The amount must be at most 20.00.')
    const garbage = await act(id, 'refund', '1,00')
    expect(garbage.status).toBe(422)
    expect(text(await garbage.text())).toContain('The amount must be an amount such as 49.99')
    const zero = await act(id, 'refund', '0.00')
    expect(text(await zero.text())).toContain('The amount must be more than zero.')
    expect(demo.logs.filter((entry) => entry.operation === 'capturePayment')).toHaveLength(1)
    expect(demo.logs.filter((entry) => entry.operation === 'refundPayment')).toEqual([])
  })

  it('reverses a whole uncaptured authorization, after which nothing is possible', async () => {
    const id = await pay('30.00', 'authorize')
    const shown = await actAndShow(id, 'reverse')
    expect(shown).toContain('Reversal of 30.00 USD: done')
    expect(shown).toContain('Status REVERSED')
    const page = await (await demo.get(`/transactions/${id}`)).text()
    expect(actionsOf(page)).toEqual([])
    expect(text(page)).toContain('Nothing more can be done with this transaction.')
    const refused = await demo.post(`/transactions/${id}/capture`, { version: '2', amount: '1.00' })
    expect(refused.status).toBe(409)
    expect(text(await refused.text())).toContain(
      "A capture is not possible in this transaction's state",
    )
    expect((await demo.get(`/transactions/${id}/capture`)).status).toBe(409)
  })
})

describe('a sale', () => {
  it('voids a sale that has not settled; a second void is refused by the page', async () => {
    const id = await pay('12.00', 'sale')
    expect(actionsOf(await (await demo.get(`/transactions/${id}`)).text())).toEqual([
      'refund',
      'void',
    ])
    const shown = await actAndShow(id, 'void')
    expect(shown).toContain('Void of 12.00 USD: done')
    expect(shown).toContain('Status VOIDED')
    expect(actionsOf(await (await demo.get(`/transactions/${id}`)).text())).toEqual([])
    const again = await demo.post(`/transactions/${id}/void`, { version: '2' })
    expect(again.status).toBe(409)
  })

  it("shows the service's refusal of a void after settlement, with its reason and hint", async () => {
    const id = await pay('12.00', 'sale')
    demo.emulator.clock.advance(48 * 3_600_000)
    const shown = await actAndShow(id, 'void')
    expect(shown).toContain('Void of 12.00 USD: refused')
    expect(shown).toContain('Reason NOT_VOIDABLE')
    expect(shown).toContain('ERR_FLEX_REQUEST_INVALID What to do: The service refused the request')
    // The refusal changed nothing: a refund is still offered.
    expect(actionsOf(await (await demo.get(`/transactions/${id}`)).text())).toEqual([
      'refund',
      'void',
    ])
    expect(demo.logs.find((entry) => entry.msg === 'transaction action')).toMatchObject({
      level: 'warn',
      outcome: 'refused',
      reason: 'NOT_VOIDABLE',
      code: 'ERR_FLEX_REQUEST_INVALID',
    })
  })

  it('refuses a confirmation made on a page that is out of date', async () => {
    const id = await pay('12.00', 'sale')
    const stale = await demo.post(`/transactions/${id}/refund`, { version: '0', amount: '1.00' })
    expect(stale.status).toBe(409)
    expect(text(await stale.text())).toContain(
      'This transaction changed since the confirmation was shown',
    )
    expect(demo.logs.filter((entry) => entry.operation === 'refundPayment')).toEqual([])
  })
})

describe('no answer: the timeout reversal and void', () => {
  it('reverses an unanswered authorization by its transaction id, never sending it again', async () => {
    demo.emulator.faults.inject('payments', { dropAnswer: true, times: 1 })
    const id = await pay('15.00', 'authorize')
    const page = await (await demo.get(`/transactions/${id}`)).text()
    expect(actionsOf(page)).toEqual(['recover'])
    expect(text(page)).toContain('Nothing else until the payment that got no answer is undone.')
    const transactionId = /Transaction id: <code>([0-9a-f]{32})<\/code>/.exec(page)?.[1]
    const confirm = text(await (await demo.get(`/transactions/${id}/recover`)).text())
    expect(confirm).toContain('Confirm the timeout reversal')
    expect(confirm).toContain(`Transaction id ${transactionId}`)
    const shown = await actAndShow(id, 'recover')
    expect(shown).toContain('Timeout reversal or void of 15.00 USD: done')
    expect(shown).toContain('Status REVERSED')
    expect(actionsOf(await (await demo.get(`/transactions/${id}`)).text())).toEqual([])
    const calls = demo.logs
      .filter((entry) => entry.msg === 'flex call')
      .map((entry) => entry.operation)
    expect(calls.filter((operation) => operation === 'authorizePayment')).toEqual([])
    expect(calls).toContain('reverseAfterTimeout')
  })

  it('voids a capture that got no answer by its transaction id, and the total is unchanged', async () => {
    const id = await pay('30.00', 'authorize')
    demo.emulator.faults.inject('payments', { dropAnswer: true, times: 1 })
    const lost = await actAndShow(id, 'capture', '10.00')
    expect(lost).toContain('Capture of 10.00 USD: no answer')
    expect(lost).toContain('No answer to the capture: it may have been made')
    expect(lost).toContain(
      'ERR_FLEX_PAYMENT_OUTCOME_UNKNOWN What to do: Do not take the payment again',
    )
    const shown = await actAndShow(id, 'recover')
    expect(shown).toContain('Timeout reversal or void of 10.00 USD: done')
    expect(shown).toContain('Status VOIDED')
    expect(shown).toContain('30.00 USD · 0.00 · 0.00')
    expect(actionsOf(await (await demo.get(`/transactions/${id}`)).text())).toEqual([
      'capture',
      'reverse',
    ])
  })
})

describe('a double-click', () => {
  it('runs an action once: the second POST of the same confirmation is refused while the first waits', async () => {
    const id = await pay('30.00', 'sale')
    const html = await (await demo.get(`/transactions/${id}/refund`)).text()
    const version = /name="version" value="(\d+)"/.exec(html)?.[1] ?? ''
    const form = { version, amount: '10.00' }
    const answers = await Promise.all([
      demo.post(`/transactions/${id}/refund`, form),
      demo.post(`/transactions/${id}/refund`, form),
    ])
    expect(answers.map((answer) => answer.status).sort()).toEqual([303, 409])
    expect(demo.logs.filter((entry) => entry.msg === 'transaction action')).toHaveLength(1)
    expect(text(await (await demo.get(`/transactions/${id}`)).text())).toContain(
      '30.00 USD · 30.00 · 10.00',
    )
  })
})

describe('a lost answer to a declined authorization', () => {
  it('ends the recovery when the timeout reversal finds nothing authorized', async () => {
    demo.emulator.faults.inject('payments', { dropAnswer: true, times: 1 })
    const id = await pay('20.01', 'authorize')
    expect(actionsOf(await (await demo.get(`/transactions/${id}`)).text())).toEqual(['recover'])
    const shown = await actAndShow(id, 'recover')
    expect(shown).toContain('MISSING_AUTH')
    expect(actionsOf(await (await demo.get(`/transactions/${id}`)).text())).toEqual([])
  })
})

describe('pages that do not exist', () => {
  it('answers 404 for an unknown transaction or action, 400 for an event it does not have', async () => {
    expect((await demo.get('/transactions/0123456789abcdef0123')).status).toBe(404)
    const id = await pay('5.00', 'sale')
    expect((await demo.get(`/transactions/${id}/refund-all`)).status).toBe(404)
    expect((await demo.get(`/transactions/${id}?event=7`)).status).toBe(400)
    expect((await demo.get(`/transactions/${id}?event=x`)).status).toBe(400)
    for (const loose of ['', '0x0', '0e0', ' 0', '-0', '0.0'])
      expect(
        (await demo.get(`/transactions/${id}?event=${encodeURIComponent(loose)}`)).status,
      ).toBe(400)
    for (const path of [
      '/transactions?page=2',
      `/transactions/${id}?event=0&sort=up`,
      `/transactions/${id}/void?amount=1`,
    ]) {
      const response = await demo.get(path)
      expect(response.status).toBe(400)
      expect(text(await response.text())).toContain(
        'The address names 1 field(s) this page does not read',
      )
    }
    const list = text(await (await demo.get('/transactions')).text())
    expect(list).toContain('Sale 5.00 USD American Express •••• 0005 Approved AUTHORIZED')
  })

  it('lists nothing before the first payment', async () => {
    expect(text(await (await demo.get('/transactions')).text())).toContain('No payments yet.')
  })

  it('refuses an action posted from another site', async () => {
    const id = await pay('5.00', 'sale')
    const response = await demo.post(
      `/transactions/${id}/void`,
      { version: '1' },
      { origin: 'https://evil.example' },
    )
    expect(response.status).toBe(403)
    expect(demo.logs.filter((entry) => entry.operation === 'voidPayment')).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { expectNothingSensitive, paymentForm, useDemoHarness } from './test/demo-harness.js'
import { TEST_CARDS } from './views/test-card-helper.js'

const demo = useDemoHarness()

function text(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
}

describe('POST /payments then GET /receipts/:id', () => {
  it('takes an approved sale and shows the receipt; a reload does not pay again', async () => {
    const posted = await demo.post('/payments', paymentForm('10.00', 'sale'))
    expect(posted.status).toBe(303)
    const location = posted.headers.get('location') ?? ''
    const html = await (await demo.follow(posted)).text()
    const page = text(html)
    expect(page).toContain('Sale approved')
    expect(page).toContain('Amount 10.00 USD')
    expect(page).toContain('Status AUTHORIZED')
    expect(page).toMatch(/Approval code \d{6} /)
    expect(page).toContain('AVS result U · address not verified')
    expect(page).toContain('CVN result M · matched')
    expect(page).toContain('Card American Express •••• 0005')
    expect(page).toContain('Billing name Ada Lovelace')
    expect(page).toContain('10.00 USD · 10.00 · 0.00')
    expect(html.match(/status status-ok/g)).toHaveLength(6)
    expect(demo.authorizations()).toBe(1)
    for (let reload = 0; reload < 3; reload += 1) {
      const again = await demo.get(location)
      expect(again.status).toBe(200)
      expect(text(await again.text())).toContain('Sale approved')
    }
    expect(demo.authorizations()).toBe(1)
    expect((await demo.get(`${location}?amount=20.00`)).status).toBe(400)
    const list = text(await (await demo.get('/transactions')).text())
    expect(list.match(/American Express •••• 0005/g)).toHaveLength(1)
    expect(demo.logs.find((entry) => entry.msg === 'payment form')).toMatchObject({
      outcome: 'tokenized',
      kind: 'sale',
      status: 'AUTHORIZED',
      amount: '10.00',
      currency: 'USD',
      outcomeUnknown: false,
    })
    expectNothingSensitive(html + JSON.stringify(demo.logs))
    expect(JSON.stringify(demo.logs)).not.toContain('Lovelace')
  })

  it('shows a decline with its reason, and the emulator trigger it came from', async () => {
    const html = await (
      await demo.follow(await demo.post('/payments', paymentForm('20.01')))
    ).text()
    const page = text(html)
    expect(page).toContain('Sale declined')
    expect(page).toContain('Status DECLINED Reason: INSUFFICIENT_FUND')
    expect(page).toContain('Approval code —')
    expectNothingSensitive(html)
  })

  it('shows a partial approval and a review hold as what they are', async () => {
    const partial = text(
      await (
        await demo.follow(await demo.post('/payments', paymentForm('20.08', 'authorize')))
      ).text(),
    )
    expect(partial).toContain('Authorization partial authorized')
    expect(partial).toContain('10.04 USD · 0.00 · 0.00')
    const review = text(
      await (
        await demo.follow(await demo.post('/payments', paymentForm('20.07', 'authorize')))
      ).text(),
    )
    expect(review).toContain('Reason: DECISION_PROFILE_REVIEW')
  })

  it('refuses an amount with too many decimals on the form, before any call to Flex', async () => {
    const response = await demo.post('/payments', paymentForm('10.001'))
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('Total amount must be an amount such as 49.99, with at most 2 decimals')
    expect(html).toContain('href="#field-orderInformation-amountDetails-totalAmount"')
    expect(html).toContain('value="10.001"')
    expect(demo.logs.filter((entry) => entry.msg === 'flex call')).toEqual([])
    expectNothingSensitive(html)
  })

  it('keeps the authorize choice and the typed details when Flex refuses the payment', async () => {
    demo.emulator.faults.inject('payments', { status: 400, times: 1 })
    const response = await demo.post('/payments', paymentForm('12.50', 'authorize'))
    expect(response.status).toBe(502)
    const html = await response.text()
    const page = text(html)
    expect(page).toContain('Take the payment failed: nothing was charged')
    expect(page).toContain('ERR_FLEX_REQUEST_INVALID')
    expect(page).toContain('What to do: The service refused the request')
    expect(html).toContain('value="12.50"')
    expect(html).toContain('value="Lovelace"')
    expect(html).toMatch(/value="authorize" checked=""/)
    expect(html).toMatch(/<input id="field-paymentInformation-card-number"[^>]*>/)
    expect(html).not.toMatch(/<input id="field-paymentInformation-card-number"[^>]*value=/)
    expect(demo.get).toBeDefined()
    expectNothingSensitive(html + JSON.stringify(demo.logs))
  })

  it('says so when the authorization gets no answer, and offers the reversal by its id', async () => {
    demo.emulator.faults.inject('payments', { dropAnswer: true, times: 1 })
    const html = await (
      await demo.follow(await demo.post('/payments', paymentForm('15.00', 'authorize')))
    ).text()
    const page = text(html)
    expect(page).toContain('No answer: the payment may have been made')
    expect(page).toContain('The request was not sent again')
    expect(page).toMatch(/Transaction id: [0-9a-f]{32} /)
    expect(html).toMatch(/href="\/transactions\/[0-9a-f]{20}\/recover"/)
    expect(page).toContain('Reverse by transaction id')
    expect(demo.logs.find((entry) => entry.msg === 'payment form')).toMatchObject({
      outcomeUnknown: true,
      status: 'UNKNOWN',
    })
    expectNothingSensitive(html + JSON.stringify(demo.logs))
  })

  it('offers a timeout void, not a reversal, when a sale gets no answer', async () => {
    demo.emulator.faults.inject('payments', { dropAnswer: true, times: 1 })
    const html = await (
      await demo.follow(await demo.post('/payments', paymentForm('15.00', 'sale')))
    ).text()
    expect(text(html)).toContain('No answer to the sale')
    expect(text(html)).toContain('Void by transaction id')
  })
})

describe('the test-card helper', () => {
  it('lists the emulator trigger table and the test cards, grouped so no card number runs', async () => {
    const html = await (await demo.get('/')).text()
    const page = text(html)
    expect(page).toContain('Test cards (emulator)')
    expect(page).toContain('4111 1111 1111 1111 Visa')
    expect(page).toContain('Amount 20.01 DECLINED INSUFFICIENT_FUND')
    expect(page).toContain('Amount 20.08 PARTIAL_AUTHORIZED')
    expectNothingSensitive(html)
  })

  it('offers only cards the emulator approves', async () => {
    for (const card of TEST_CARDS) {
      const form = {
        ...paymentForm('1.00'),
        'paymentInformation.card.number': card.number.replaceAll(' ', ''),
        'paymentInformation.card.securityCode': card.brand === 'American Express' ? '1234' : '123',
      }
      const html = await (await demo.follow(await demo.post('/payments', form))).text()
      expect(text(html)).toContain('Sale approved')
      expect(text(html)).toContain(`Card ${card.brand} •••• ${card.number.slice(-4)}`)
      expectNothingSensitive(html)
    }
  })

  it('renders a trigger keyed on something else with a generic row', async () => {
    demo.reset({
      testTriggers: [
        {
          on: 'securityCode',
          securityCode: '901',
          status: 'DECLINED',
          reason: 'CVN_NOT_MATCH',
          description: 'The security code does not match.',
        } as never,
      ],
    })
    const page = text(await (await demo.get('/')).text())
    expect(page).toContain(
      'securityCode 901 DECLINED CVN_NOT_MATCH The security code does not match.',
    )
  })

  it('is not shown against Cybersource', async () => {
    demo.reset({
      testTriggers: undefined,
      target: {
        kind: 'test',
        label: 'Cybersource test',
        origin: 'https://apitest.cybersource.com',
      },
    })
    expect(text(await (await demo.get('/')).text())).not.toContain('Test cards')
  })
})

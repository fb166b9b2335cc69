import { describe, expect, it } from 'vitest'
import { expectNothingSensitive, paymentForm, useDemoHarness } from './test/demo-harness.js'
import { newFormReference } from './verify-and-consume.js'

const demo = useDemoHarness()

const oneForm = (amount: string) => ({ ...paymentForm(amount), reference: newFormReference() })

describe('POST /payments twice with the same form', () => {
  it('two concurrent posts of one form: exactly one authorization', async () => {
    const form = oneForm('11.00')
    const [first, second] = await Promise.all([
      demo.post('/payments', form),
      demo.post('/payments', form),
    ])
    expect(demo.authorizations()).toBe(1)
    const answers = [first, second].map((response) => ({
      status: response?.status,
      location: response?.headers.get('location'),
    }))
    const paid = answers.filter((answer) => answer.status === 303)
    expect(paid.length).toBeGreaterThanOrEqual(1)
    // The other one is refused, or sent to the same receipt when the first had finished.
    expect(new Set(paid.map((answer) => answer.location)).size).toBe(1)
    expect(answers.filter((answer) => answer.status !== 303).map((a) => a.status)).toEqual(
      paid.length === 2 ? [] : [409],
    )
    expect(
      demo.logs.filter((entry) => entry.outcome === 'already-paid').map((entry) => entry.msg),
    ).toEqual(['payment form'])
  })

  it('sent again once paid: the first receipt here, 409 on a server without it', async () => {
    const form = oneForm('12.00')
    const paid = await demo.post('/payments', form)
    expect(paid.status).toBe(303)
    const again = await demo.post('/payments', form)
    expect(again.status).toBe(303)
    expect(again.headers.get('location')).toBe(paid.headers.get('location'))

    demo.reset() // another app on the same storage: the receipt is not here
    const elsewhere = await demo.post('/payments', form)
    expect(elsewhere.status).toBe(409)
    const html = await elsewhere.text()
    expect(html).toContain('This form was already sent')
    expect(html).toContain('href="/transactions"')
    expectNothingSensitive(html)
    expect(demo.authorizations()).toBe(0)
  })

  it('a form shown again after a validation error still pays, once', async () => {
    const form = oneForm('13.00')
    const tooPrecise = await demo.post('/payments', {
      ...form,
      'orderInformation.amountDetails.totalAmount': '13.001',
    })
    expect(tooPrecise.status).toBe(422)
    const noExpiry = await demo.post('/payments', {
      ...form,
      'paymentInformation.card.expirationMonth': '13',
    })
    expect(noExpiry.status).toBe(422)
    expect(demo.authorizations()).toBe(0)

    const paid = await demo.post('/payments', form)
    expect(paid.status).toBe(303)
    const again = await demo.post('/payments', form)
    expect(again.headers.get('location')).toBe(paid.headers.get('location'))
    expect(demo.authorizations()).toBe(1)
  })

  it('a payment the service refused (nothing charged) leaves the form to be sent again', async () => {
    const form = oneForm('14.00')
    demo.emulator.faults.inject('payments', { status: 400, times: 1 })
    const refused = await demo.post('/payments', form)
    expect(refused.status).toBe(502)
    const paid = await demo.post('/payments', form)
    expect(paid.status).toBe(303)
    expect(text(await (await demo.follow(paid)).text())).toContain('Sale approved')
    expect((await demo.post('/payments', form)).headers.get('location')).toBe(
      paid.headers.get('location'),
    )
  })
})

function text(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
}

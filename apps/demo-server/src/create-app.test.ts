import { findSensitiveData, SENTINEL_CARD_NUMBERS } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { fieldSelectionQuery } from './field-selection.js'
import { useDemoHarness } from './test/demo-harness.js'

const demo = useDemoHarness()

describe('GET /healthz', () => {
  it('answers ok with the kind of Flex target', async () => {
    const response = await demo.get('/healthz')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok', flex: 'emulator' })
    expect(demo.logs).toMatchObject([
      { msg: 'request', method: 'GET', path: '/healthz', status: 200 },
    ])
    demo.logs.length = 0
    await demo.get(`/${SENTINEL_CARD_NUMBERS[0]}`)
    expect(demo.logs).toMatchObject([
      { msg: 'request', method: 'GET', path: '<other path>', status: 404 },
    ])
    expect(findSensitiveData(JSON.stringify(demo.logs))).toEqual([])
  })
})

describe('request log', () => {
  it('names every registered route by its pattern, and no other path', async () => {
    const paths = [
      '/',
      '/fields',
      '/healthz',
      '/assets/styles.css',
      '/assets/countdown.js',
      '/favicon.ico',
      '/transactions',
    ]
    for (const path of [...paths, '/assets/other.js']) await demo.get(path)
    await demo.get(`/transactions/${SENTINEL_CARD_NUMBERS[0]}`)
    await demo.get(`/receipts/${SENTINEL_CARD_NUMBERS[0]}`)
    expect(demo.logs.map((entry) => entry.path)).toEqual([
      ...paths,
      '<other path>',
      '/transactions/:id',
      '/receipts/:id',
    ])
    expect(findSensitiveData(JSON.stringify(demo.logs))).toEqual([])
  })
})

describe('GET /', () => {
  it('shows exactly the default fields, labelled, with strict security headers', async () => {
    const response = await demo.get('/')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    const html = await response.text()
    expect(html.startsWith('<!doctype html>')).toBe(true)
    const names = [...html.matchAll(/<(?:input|select)[^>]* name="([^"]+)"/g)].map((m) => m[1])
    const fields = [
      'paymentInformation.card.number',
      'paymentInformation.card.expirationMonth',
      'paymentInformation.card.expirationYear',
      'paymentInformation.card.securityCode',
      'orderInformation.amountDetails.totalAmount',
      'orderInformation.amountDetails.currency',
      'orderInformation.billTo.firstName',
      'orderInformation.billTo.lastName',
      'orderInformation.billTo.email',
    ]
    expect(names).toEqual(['reference', ...fields, 'intent', 'intent'])
    // Each form is one payment: its own random reference, saved with its capture contexts.
    const reference = /<input type="hidden" name="reference" value="(tf_[0-9a-f]{32})"/
    const other = await (await demo.get('/')).text()
    expect(html.match(reference)?.[1]).not.toBe(other.match(reference)?.[1])
    expect(other).toMatch(reference)
    expect(html).toMatch(/<input type="radio" name="intent" value="sale" checked=""/)
    expect(html).toContain('<button class="button button-primary" type="submit">Take payment')
    expect(html).toContain('<link rel="icon" href="/favicon.ico"')
    for (const name of fields) {
      const id = `field-${name?.replaceAll('.', '-')}`
      expect(html).toContain(`<label for="${id}">`)
      expect(html).toContain(`id="${id}"`)
    }
    expect(html).toMatch(/<input id="field-paymentInformation-card-number"[^>]* required=""/)
    expect(html).toMatch(/First name<span class="optional"> \(optional\)/)
    expect(html).not.toMatch(/<input id="field-orderInformation-billTo-email"[^>]* required/)
    expect(html).toContain('Emulator')
    expect(html).not.toContain('<script')
  })

  it('shows the fields of a custom selection', async () => {
    const query = fieldSelectionQuery({
      required: ['paymentInformation.card.number', 'orderInformation.amountDetails.totalAmount'],
      optional: ['orderInformation.shipTo.postalCode'],
    })
    const html = await (await demo.get(`/?${query}`)).text()
    const names = [...html.matchAll(/<(?:input|select)[^>]* name="([^"]+)"/g)].map((m) => m[1])
    expect(names).toEqual([
      'reference',
      'paymentInformation.card.number',
      'orderInformation.amountDetails.totalAmount',
      'orderInformation.shipTo.postalCode',
    ])
    expect(html).toContain(`action="/payments?${query.replaceAll('&', '&amp;')}"`)
    expect(html).toContain('<legend>Shipping details</legend>')
  })

  it('answers 400 with the picker for a bad selection', async () => {
    const response = await demo.get('/?paymentInformation.card.number=maybe')
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('Card number: choose required, optional or off')
  })

  it('reports unknown query fields instead of ignoring them, never echoing digits', async () => {
    const response = await demo.get(
      `/?paymentInformation.card.number=required&amout=10&${SENTINEL_CARD_NUMBERS[0]}=x`,
    )
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('The address names an unknown field, amout: remove it')
    expect(html).toContain('The address names 1 unknown field(s) that cannot be shown')
    expect(findSensitiveData(html)).toEqual([])
    const alone = await demo.get('/?utm_source=mail')
    expect(alone.status).toBe(400)
    expect(await alone.text()).toContain('unknown field, utm_source')
  })
})

describe('GET /fields', () => {
  it('offers all 31 fields with the current choice selected', async () => {
    const response = await demo.get('/fields')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html.match(/<select /g)).toHaveLength(31)
    expect(html).toMatch(
      /name="paymentInformation\.card\.number"><option value="required" selected="">/,
    )
    expect(html).toMatch(
      /name="orderInformation\.billTo\.email"><option value="required">Required<\/option><option value="optional" selected="">/,
    )
    expect(html).toContain('<form class="card" method="get" action="/">')
  })
})

describe('assets', () => {
  it('serves the stylesheet and the optional countdown script', async () => {
    const styles = await demo.get('/assets/styles.css')
    expect(styles.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(await styles.text()).toContain('.timeline')
    const script = await demo.get('/assets/countdown.js')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toContain('data-expires-at')
    const icon = await demo.get('/favicon.ico')
    expect(icon.status).toBe(200)
    expect(icon.headers.get('content-type')).toBe('image/svg+xml')
    expect(await icon.text()).toMatch(/^<svg /)
  })

  it('answers 404 with a page for anything else', async () => {
    const response = await demo.get('/nope')
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('Page not found')
  })
})

import { type Browser, chromium, type Page } from 'playwright-core'
import {
  type ChromiumLaunch,
  findSensitiveData,
  type LoopbackServer,
  launchChromium,
  SENTINEL_CARD_NUMBERS,
  SENTINEL_SECURITY_CODE,
  startLoopbackServer,
} from 'test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyTokenOfContext } from './testing/flow.js'
import { jwtHeaders } from './testing/merchant-request.js'
import { useEmulator } from './testing/use-emulator.js'

const CARD_NUMBER = SENTINEL_CARD_NUMBERS[3] as string // American Express: a 4-digit code
const EXPIRY_YEAR = String(new Date().getUTCFullYear() + 2)

// The slice of the emulated library's API the misuse test calls.
interface EmulatedMicroform {
  createField(type: string): {
    on(type: string, listener: () => void): void
    load(to: string): void
  }
  createToken(options: unknown, callback: (error: { reason: string } | null) => void): void
}
type FlexConstructor = new (jwt: string) => { microform(options: unknown): EmulatedMicroform }

const running = useEmulator()
const pages = new Map<string, string>()
let merchant: LoopbackServer | undefined
let launched: ChromiumLaunch<Browser> | undefined

// Under CI a missing browser fails the suite; on a developer's machine the tests are skipped.
function requireBrowser(skip: (note: string) => void): { browser: Browser; site: string } {
  if (launched?.skip) skip(launched.skip)
  const browser = launched?.browser
  if (!browser || !merchant) throw new Error('the browser or the merchant page did not start')
  return { browser, site: `http://localhost:${merchant.port}` }
}

async function createContext(targetOrigin: string): Promise<string> {
  const body = JSON.stringify({
    targetOrigins: [targetOrigin],
    allowedCardNetworks: ['VISA', 'AMEX'],
  })
  const { url, merchant: credentials } = running.emulator
  const headers = jwtHeaders(url, credentials, body, { path: '/microform/v2/sessions' })
  const response = await fetch(`${url}/microform/v2/sessions`, { method: 'POST', headers, body })
  expect(response.status).toBe(201)
  return response.text()
}

// The merchant's checkout page, as the vendor's sample writes it (flex.microform('card', …)).
function checkoutPage(captureContext: string, integrity?: string): string {
  const payload = JSON.parse(
    Buffer.from(captureContext.split('.')[1] ?? '', 'base64url').toString(),
  )
  const { clientLibrary, clientLibraryIntegrity } = payload.ctx[0].data
  return `<!doctype html><html><body>
<div id="number-container" style="height:40px"></div>
<div id="securityCode-container" style="height:40px"></div>
<script src="${clientLibrary}" integrity="${integrity ?? clientLibraryIntegrity}" crossorigin="anonymous"></script>
<script>
window.seen = []
window.loaded = 0
try {
  const flex = new Flex(${JSON.stringify(captureContext)})
  const microform = flex.microform('card', { styles: { input: { 'font-size': '16px' } } })
  const number = microform.createField('number', { placeholder: 'Card number' })
  const securityCode = microform.createField('securityCode', { placeholder: 'CVV' })
  for (const field of [number, securityCode]) {
    field.on('load', () => { window.loaded += 1 })
    field.on('focus', () => window.seen.push('focus'))
    field.on('blur', () => window.seen.push('blur'))
  }
  window.payloads = []
  number.on('change', (data) => window.payloads.push(JSON.stringify(data)))
  number.on('change', (data) => window.seen.push('change:' + data.valid + ':' + data.card.map((c) => c.name).join(',')))
  number.load('#number-container')
  securityCode.load('#securityCode-container')
  window.createToken = (expirationMonth, expirationYear) => new Promise((resolve) =>
    microform.createToken({ expirationMonth, expirationYear }, (error, token) =>
      resolve(error ? { reason: error.reason, name: error.name } : { token })))
} catch (error) {
  window.setupError = { name: String(error && error.name), reason: String(error && error.reason) }
}
</script></body></html>`
}

// A page that loads the library only, or (library: false) talks to a field iframe by hand.
function barePage(captureContext: string, library = true): string {
  const payload = JSON.parse(
    Buffer.from(captureContext.split('.')[1] ?? '', 'base64url').toString(),
  )
  const { clientLibrary, clientLibraryIntegrity, mfOrigin } = payload.ctx[0].data
  const script = library
    ? `<script src="${clientLibrary}" integrity="${clientLibraryIntegrity}" crossorigin="anonymous"></script>`
    : ''
  return `<!doctype html><html><body><div id="box"></div>${script}<script>
window.mount = (captureContext) => new Promise((resolve) => {
  const iframe = document.createElement('iframe')
  iframe.src = ${JSON.stringify(mfOrigin)} + '/microform/bundle/v2/field.html'
  iframe.addEventListener('load', () => {
    const init = { type: 'flex-microform:init', field: 'number', captureContext, channel: 'c', styles: {}, options: {} }
    iframe.contentWindow.postMessage(init, ${JSON.stringify(mfOrigin)})
    resolve()
  })
  document.body.appendChild(iframe)
})
</script></body></html>`
}

async function fieldState(page: Page, captureContext: string): Promise<unknown> {
  await page.evaluate(
    (context) => (window as unknown as { mount(c: string): Promise<void> }).mount(context),
    captureContext,
  )
  const frame = page.frames().find((each) => each.url().endsWith('/field.html'))
  if (!frame) throw new Error('the field iframe did not load')
  await frame.waitForFunction(() => document.documentElement.dataset.state !== undefined, null, {
    timeout: 30_000,
  })
  return frame.evaluate(() => document.documentElement.dataset.state)
}

async function open(site: string, html: string): Promise<Page> {
  const path = `/checkout-${pages.size}`
  pages.set(path, html)
  const page = await (launched as { browser: Browser }).browser.newPage()
  await page.goto(`${site}${path}`)
  return page
}

describe('the emulated Microform v2 library in Chromium', () => {
  beforeAll(async () => {
    launched = await launchChromium(chromium)
    if (launched.skip) return
    merchant = await startLoopbackServer((request, response) => {
      const html = pages.get(request.url ?? '')
      response.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' })
      response.end(html ?? '')
    })
  })

  afterAll(async () => {
    await launched?.browser?.close()
    await merchant?.close()
  })

  it('takes the card in cross-origin iframes and answers a transient token of the context', async ({
    skip,
  }) => {
    const { site } = requireBrowser(skip)
    const captureContext = await createContext(site)
    const page = await open(site, checkoutPage(captureContext))
    await page.waitForFunction(() => (window as unknown as { loaded: number }).loaded === 2, null, {
      timeout: 30_000,
    })
    const number = page.frameLocator('#number-container iframe').locator('input')
    await number.click()
    await number.pressSequentially(CARD_NUMBER)
    await expect
      .poll(() => page.locator('#number-container').getAttribute('class'), { timeout: 30_000 })
      .toContain('flex-microform-focused')
    await page
      .frameLocator('#securityCode-container iframe')
      .locator('input')
      .fill(SENTINEL_SECURITY_CODE)
    // The fields' events cross processes (another site): wait for them, do not race them.
    await expect
      .poll(() => page.locator('#number-container').getAttribute('class'), { timeout: 30_000 })
      .not.toContain('flex-microform-focused')
    const seen = () => page.evaluate(() => (window as unknown as { seen: string[] }).seen)
    await expect
      .poll(seen, { timeout: 30_000 })
      .toEqual(expect.arrayContaining(['focus', 'blur', 'change:true:amex', 'change:false:amex']))

    const read = await page.evaluate(() => {
      const iframe = document.querySelector('#number-container iframe') as HTMLIFrameElement
      let viaWindow: string
      try {
        viaWindow = String(iframe.contentWindow?.document.querySelector('input')?.value)
      } catch (error) {
        viaWindow = (error as Error).name
      }
      return { contentDocument: iframe.contentDocument === null, viaWindow }
    })
    expect(read).toEqual({ contentDocument: true, viaWindow: 'SecurityError' })

    const result = await page.evaluate(
      (year) =>
        (
          window as unknown as { createToken(m: string, y: string): Promise<{ token?: string }> }
        ).createToken('09', year),
      EXPIRY_YEAR,
    )
    expect(result.token).toMatch(/^eyJ/)
    const token = await verifyTokenOfContext(
      running.emulator,
      captureContext,
      result.token as string,
    )
    expect(token.type).toBe('mf-2.0.0')
    expect(running.emulator.inspectTransientToken(token.jti as string)?.maskedCard?.lastFour).toBe(
      CARD_NUMBER.slice(-4),
    )
    const html = await page.content()
    const payloads = await page.evaluate(
      () => (window as unknown as { payloads: string[] }).payloads,
    )
    expect(payloads.length).toBeGreaterThanOrEqual(CARD_NUMBER.length)
    expect(findSensitiveData(`${html}\n${payloads.join('\n')}`, [SENTINEL_SECURITY_CODE])).toEqual(
      [],
    )
    expect(findSensitiveData(running.lines.join('\n'), [SENTINEL_SECURITY_CODE])).toEqual([])
    await page.close()
  }, 120_000)

  it('answers CREATE_TOKEN_VALIDATION_FIELDS for a card outside allowedCardNetworks', async ({
    skip,
  }) => {
    const { site } = requireBrowser(skip)
    const page = await open(site, checkoutPage(await createContext(site)))
    await page.waitForFunction(() => (window as unknown as { loaded: number }).loaded === 2, null, {
      timeout: 30_000,
    })
    const mastercard = SENTINEL_CARD_NUMBERS.find((card) => card.startsWith('5')) as string
    await page.frameLocator('#number-container iframe').locator('input').fill(mastercard)
    const result = await page.evaluate(() =>
      (window as unknown as { createToken(m: string, y: string): Promise<unknown> }).createToken(
        '09',
        '2099',
      ),
    )
    expect(result).toEqual({ reason: 'CREATE_TOKEN_VALIDATION_FIELDS', name: 'MicroformError' })
    await page.close()
  }, 120_000)

  it('is refused by the browser with a wrong integrity value', async ({ skip }) => {
    const { site } = requireBrowser(skip)
    const wrong = `sha256-${Buffer.alloc(32).toString('base64')}`
    const page = await open(site, checkoutPage(await createContext(site), wrong))
    expect(await page.evaluate(() => typeof (window as unknown as { Flex?: unknown }).Flex)).toBe(
      'undefined',
    )
    await page.close()
  }, 120_000)

  it('refuses a page whose origin is not in targetOrigins', async ({ skip }) => {
    const { site } = requireBrowser(skip)
    const page = await open(
      site.replace('localhost', '127.0.0.1'),
      checkoutPage(await createContext(site)),
    )
    const setupError = await page.evaluate(
      () => (window as unknown as { setupError?: unknown }).setupError,
    )
    expect(setupError).toEqual({ name: 'MicroformError', reason: 'CAPTURE_CONTEXT_INVALID' })
    expect(await page.locator('iframe').count()).toBe(0)
    await page.close()
  }, 120_000)

  it('has the field refuse a parent outside targetOrigins or a forged context, without the library', async ({
    skip,
  }) => {
    const { site } = requireBrowser(skip)
    const captureContext = await createContext(site)
    const listed = await open(site, barePage(captureContext, false))
    expect(await fieldState(listed, captureContext)).toBe('ready')
    const outsider = await open(
      site.replace('localhost', '127.0.0.1'),
      barePage(captureContext, false),
    )
    expect(await fieldState(outsider, captureContext)).toBe('refused')
    const [header, payload, signature] = captureContext.split('.')
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())
    claims.ctx[0].data.targetOrigins.push(site.replace('localhost', '127.0.0.1'))
    const forged = [
      header,
      Buffer.from(JSON.stringify(claims)).toString('base64url'),
      signature,
    ].join('.')
    const fooled = await open(
      site.replace('localhost', '127.0.0.1'),
      barePage(captureContext, false),
    )
    expect(await fieldState(fooled, forged)).toBe('refused')
    for (const page of [listed, outsider, fooled]) await page.close()
  }, 120_000)

  it('throws and answers the MicroformError reasons for misuse', async ({ skip }) => {
    const { site } = requireBrowser(skip)
    const captureContext = await createContext(site)
    const page = await open(site, barePage(captureContext))
    const reasons = await page.evaluate(async (context) => {
      type Thrower = () => unknown
      const reasonOf = (run: Thrower) => {
        try {
          run()
          return 'none'
        } catch (error) {
          return (error as { reason?: string }).reason
        }
      }
      const FlexClass = (window as unknown as { Flex: FlexConstructor }).Flex
      const microform = new FlexClass(context).microform({ styles: {} })
      const number = microform.createField('number')
      const callbackReason = (options: unknown) =>
        new Promise((resolve) =>
          microform.createToken(options, (error: { reason: string } | null) =>
            resolve(error?.reason),
          ),
        )
      return [
        reasonOf(() => new FlexClass('not a jwt')),
        reasonOf(() => microform.createField('cvv')),
        reasonOf(() => microform.createField('number')),
        reasonOf(() => number.on('keypress', () => {})),
        reasonOf(() => number.load('#missing')),
        await callbackReason({ expirationMonth: '09', expirationYear: '2030' }),
        await callbackReason({ expirationMonth: '13', expirationYear: '2030' }),
      ]
    }, captureContext)
    expect(reasons).toEqual([
      'CAPTURE_CONTEXT_INVALID',
      'CREATE_FIELD_INVALID_FIELD_TYPE',
      'CREATE_FIELD_DUPLICATE',
      'FIELD_SUBSCRIBE_UNSUPPORTED_EVENT',
      'FIELD_LOAD_CONTAINER_SELECTOR',
      'CREATE_TOKEN_NO_FIELDS_LOADED',
      'CREATE_TOKEN_VALIDATION_PARAMS',
    ])
    await page.close()
  }, 120_000)
})

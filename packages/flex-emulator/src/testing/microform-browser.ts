import { type Browser, chromium, type Page } from 'playwright-core'
import {
  type ChromiumLaunch,
  type LoopbackServer,
  launchChromium,
  startLoopbackServer,
} from 'test-utils'
import { afterAll, beforeAll, expect } from 'vitest'
import type { FlexEmulator } from '../start-flex-emulator.js'
import { jwtHeaders } from './merchant-request.js'

/** A Microform v2 capture context of `emulator` for a page on `targetOrigin`. */
export async function createMicroformContext(
  emulator: FlexEmulator,
  targetOrigin: string,
): Promise<string> {
  const body = JSON.stringify({
    targetOrigins: [targetOrigin],
    allowedCardNetworks: ['VISA', 'AMEX'],
  })
  const { url, merchant: credentials } = emulator
  const headers = jwtHeaders(url, credentials, body, { path: '/microform/v2/sessions' })
  const response = await fetch(`${url}/microform/v2/sessions`, { method: 'POST', headers, body })
  expect(response.status).toBe(201)
  return response.text()
}

/** The merchant's checkout page, as the vendor's sample writes it (flex.microform('card', …)). */
export function checkoutPage(captureContext: string, integrity?: string): string {
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
  window.microform = microform
  window.number = number
  window.createToken = (expirationMonth, expirationYear) => new Promise((resolve) =>
    microform.createToken({ expirationMonth, expirationYear }, (error, token) =>
      resolve(error ? { reason: error.reason, name: error.name } : { token })))
} catch (error) {
  window.setupError = { name: String(error && error.name), reason: String(error && error.reason) }
}
</script></body></html>`
}

/** A page that loads the library only, or (library: false) talks to a field iframe by hand. */
export function barePage(captureContext: string, library = true): string {
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

/** Mounts a field iframe by hand (see `barePage`) and reads the state it settles in. */
export async function fieldState(page: Page, captureContext: string): Promise<unknown> {
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

/** A suite's Chromium and the loopback server of its merchant pages. */
export interface MicroformBrowser {
  /** The browser and the merchant site; under CI a missing browser fails, elsewhere it skips. */
  requireBrowser(skip: (note: string) => void): { browser: Browser; site: string }
  /** Serves `html` on `site` (any loopback origin of the merchant server) and opens it. */
  open(site: string, html: string): Promise<Page>
}

/** Starts Chromium and a merchant page server in `beforeAll`, closes both in `afterAll`. */
export function useMicroformBrowser(): MicroformBrowser {
  const pages = new Map<string, string>()
  let merchant: LoopbackServer | undefined
  let launched: ChromiumLaunch<Browser> | undefined
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
  return {
    requireBrowser(skip) {
      if (launched?.skip) skip(launched.skip)
      const browser = launched?.browser
      if (!browser || !merchant) throw new Error('the browser or the merchant page did not start')
      return { browser, site: `http://localhost:${merchant.port}` }
    },
    async open(site, html) {
      const path = `/checkout-${pages.size}`
      pages.set(path, html)
      const page = await (launched as { browser: Browser }).browser.newPage()
      await page.goto(`${site}${path}`)
      return page
    },
  }
}

import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import {
  type ChromiumLaunch,
  expectNoSensitiveData,
  launchChromium,
  SENTINEL_CARD_NUMBERS,
  SENTINEL_SECURITY_CODE,
} from 'test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DemoServer, startDemoServer } from './start-demo-server.js'

const ARTIFACTS = fileURLToPath(new URL('../../../.ci-artifacts/demo-server/', import.meta.url))
const CARD_NUMBER = SENTINEL_CARD_NUMBERS[3] as string // American Express: a 4-digit code
const EXPIRY_YEAR = String(new Date().getUTCFullYear() + 2)
const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g
const WAIT = { timeout: 30_000 }

let demo: DemoServer | undefined
// A demo whose public origin is another site: its contexts name that origin only.
let elsewhere: DemoServer | undefined
let launched: ChromiumLaunch<Browser> | undefined
const logLines: string[] = []

// Under CI a missing browser fails the suite; on a developer's machine the tests are skipped.
function requireBrowser(skip: (note: string) => void): {
  browser: Browser
  demo: DemoServer
  elsewhere: DemoServer
} {
  if (launched?.skip) skip(launched.skip)
  const browser = launched?.browser
  if (!browser || !demo || !elsewhere) throw new Error('the demos or the browser did not start')
  return { browser, demo, elsewhere }
}

function localhost(server: DemoServer, path: string): string {
  return `${server.url.replace('127.0.0.1', 'localhost')}${path.replace(/^\//, '')}`
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const path = `${ARTIFACTS}${name}.png`
  await page.screenshot({ path, fullPage: true })
  console.log(`screenshot: ${path}`)
}

// The checkout page holds one token, its capture context (the library needs it); nothing else.
async function expectPageClean(page: Page, captureContexts: number): Promise<void> {
  // biome-ignore lint/performance/useDomNodeTextContent: rendered text is the point here
  const text = `${await page.content()}\n${await page.locator('body').innerText()}`
  expectNoSensitiveData(text, [SENTINEL_SECURITY_CODE])
  expect(text.match(JWT)?.length ?? 0).toBe(captureContexts)
}

async function status(page: Page): Promise<string> {
  return (await page.locator('#checkout-status').textContent()) ?? ''
}

function authorizations(): number {
  return logLines.filter((line) => line.includes('"operation":"authorizePayment"')).length
}

describe('the customer checkout in Chromium', () => {
  beforeAll(async () => {
    launched = await launchChromium(chromium)
    if (launched.skip) return
    const options = {
      log: (entry: Record<string, unknown>) => logLines.push(JSON.stringify(entry)),
      emulator: { keyPool: { reuseKeys: true, size: 1 } },
    }
    demo = await startDemoServer(
      { port: 0, flex: { mode: 'emulator', authentication: 'jwt' } },
      options,
    )
    elsewhere = await startDemoServer(
      {
        port: 0,
        publicUrl: 'https://shop.example',
        flex: { mode: 'emulator', authentication: 'jwt' },
      },
      options,
    )
  })

  afterAll(async () => {
    await launched?.browser?.close()
    await demo?.close()
    await elsewhere?.close()
  })

  it('pays with the card typed into the hosted fields; the page cannot read them', async ({
    skip,
  }) => {
    const { browser, demo } = requireBrowser(skip)
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    // The merchant page records every message it receives, to show none carries the card.
    await page.addInitScript(() => {
      if (window !== window.top) return
      const seen: string[] = []
      Object.assign(window, { seenMessages: seen })
      addEventListener('message', (event) => seen.push(JSON.stringify(event.data)))
    })
    // The demo's own address is a loopback IP: it sends the page to localhost.
    await page.goto(`${demo.url}checkout?amount=42.00`)
    expect(page.url()).toBe(localhost(demo, '/checkout?amount=42.00'))
    await page.locator('#checkout-form[data-state="ready"]').waitFor(WAIT)
    await expectPageClean(page, 1)
    await screenshot(page, 'checkout-form')

    const number = page.frameLocator('#number-container iframe').locator('input')
    await number.click()
    await number.pressSequentially(CARD_NUMBER)
    await page
      .frameLocator('#securityCode-container iframe')
      .locator('input')
      .fill(SENTINEL_SECURITY_CODE)
    await page.getByLabel('Expiry month').selectOption('09')
    await page.getByLabel('Expiry year').selectOption(EXPIRY_YEAR)
    await page.getByLabel('First name').fill('Grace')
    await expect
      .poll(() => page.locator('#card-brand').textContent(), WAIT)
      .toBe('American Express')

    // A script injected into the merchant page (the test's hook) tries to read the card.
    const read = await page.evaluate(() => {
      const attempts: Record<string, string> = {}
      for (const id of ['number-container', 'securityCode-container']) {
        const iframe = document.querySelector(`#${id} iframe`) as HTMLIFrameElement
        attempts[`${id}:contentDocument`] = String(iframe.contentDocument)
        try {
          attempts[`${id}:window`] = String(iframe.contentWindow?.document.body.innerHTML)
        } catch (error) {
          attempts[`${id}:window`] = (error as Error).name
        }
      }
      const seen = (window as unknown as { seenMessages: string[] }).seenMessages
      return { attempts, page: document.documentElement.outerHTML, messages: seen }
    })
    expect(read.attempts).toEqual({
      'number-container:contentDocument': 'null',
      'number-container:window': 'SecurityError',
      'securityCode-container:contentDocument': 'null',
      'securityCode-container:window': 'SecurityError',
    })
    expect(read.messages.length).toBeGreaterThan(CARD_NUMBER.length)
    expectNoSensitiveData(`${read.page}\n${read.messages.join('\n')}`, [SENTINEL_SECURITY_CODE])
    await screenshot(page, 'checkout-card-typed')

    const before = authorizations()
    await page.getByRole('button', { name: 'Pay 42.00 USD' }).click()
    await page.waitForURL(/\/receipts\/[0-9a-f]{20}$/, WAIT)
    // biome-ignore lint/performance/useDomNodeTextContent: rendered text is the point here
    const receipt = await page.locator('main').innerText()
    expect(receipt).toContain('Sale approved')
    expect(receipt).toContain('American Express •••• 0005')
    expect(receipt).toContain('42.00 USD')
    expect(receipt).toContain("In the customer's browser, by Microform's card fields")
    expect(authorizations()).toBe(before + 1)
    await expectPageClean(page, 0)
    await screenshot(page, 'checkout-paid')
    await page.close()
  })

  it("shows the fields' refusal of a card that fails its check, and pays nothing", async ({
    skip,
  }) => {
    const { browser, demo } = requireBrowser(skip)
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(localhost(demo, '/checkout'))
    await page.locator('#checkout-form[data-state="ready"]').waitFor(WAIT)
    await page.frameLocator('#number-container iframe').locator('input').fill('4111111111111112')
    const before = authorizations()
    await page.getByRole('button', { name: 'Pay 25.00 USD' }).click()
    await expect.poll(() => status(page), WAIT).toContain('(CREATE_TOKEN_VALIDATION_FIELDS)')
    expect(await page.getByRole('button', { name: 'Pay 25.00 USD' }).isEnabled()).toBe(true)
    expect(page.url()).toBe(localhost(demo, '/checkout'))
    expect(authorizations()).toBe(before)
    await screenshot(page, 'checkout-card-refused')
    await page.close()
  })

  it('shows the refusal when the library does not match its integrity value', async ({ skip }) => {
    const { browser, demo } = requireBrowser(skip)
    for (const tamper of ['integrity', 'library'] as const) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
      if (tamper === 'integrity') {
        // The page names another hash than the library's.
        await page.route('**/checkout', async (route) => {
          const response = await route.fetch()
          const html = (await response.text()).replace(
            /integrity="sha256-[^"]+"/,
            `integrity="sha256-${'A'.repeat(43)}="`,
          )
          await route.fulfill({ response, body: html })
        })
      } else {
        // The library is changed on its way: the hash the server sent no longer matches.
        await page.route('**/flex-microform.min.js', async (route) => {
          const response = await route.fetch()
          await route.fulfill({ response, body: `${await response.text()}\n;window.tampered = 1` })
        })
      }
      await page.goto(localhost(demo, '/checkout'))
      await page.locator('#checkout-form[data-state="library-refused"]').waitFor(WAIT)
      expect(await status(page)).toContain('The browser refused the payment library')
      expect(await page.locator('iframe').count()).toBe(0)
      expect(await page.getByRole('button', { name: /^Pay / }).isDisabled()).toBe(true)
      expect(await page.evaluate(() => 'tampered' in window || 'Flex' in window)).toBe(false)
      await screenshot(page, `checkout-refused-${tamper}`)
      await page.close()
    }
  })

  it("is refused by the library on a page whose origin is not in the context's targetOrigins", async ({
    skip,
  }) => {
    const { browser, elsewhere } = requireBrowser(skip)
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(localhost(elsewhere, '/checkout'))
    await page.locator('#checkout-form[data-state="refused"]').waitFor(WAIT)
    expect(await status(page)).toBe(
      "The card fields cannot start on this address: it is not one of the checkout's target origins. (CAPTURE_CONTEXT_INVALID)",
    )
    expect(await page.locator('iframe').count()).toBe(0)
    await screenshot(page, 'checkout-refused-origin')
    await page.close()
  })

  it('keeps card data and tokens out of every log line', async ({ skip }) => {
    requireBrowser(skip)
    const log = logLines.join('\n')
    expect(log).toContain('"msg":"checkout","requestId"')
    expect(log).toContain('"outcome":"paid"')
    expectNoSensitiveData(log, [SENTINEL_SECURITY_CODE])
    expect(log).not.toMatch(JWT)
    expect(log).not.toContain('Grace')
  })
})

import { existsSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { findSensitiveData, SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE } from 'test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DemoServer, startDemoServer } from './start-demo-server.js'

const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
]
const ARTIFACTS = fileURLToPath(new URL('../../../.ci-artifacts/demo-server/', import.meta.url))
const CARD_NUMBER = SENTINEL_CARD_NUMBERS[3] as string
const LUHN_FAILING = '4111111111111112'
const EXPIRY_YEAR = String(new Date().getUTCFullYear() + 2)
const hasChromium = existsSync(CHROMIUM)
const inCi = Boolean(process.env.CI)

// Under CI a missing browser is a failure; on a developer's machine the tests are skipped.
function requireBrowser(skip: (note: string) => void): { browser: Browser; demo: DemoServer } {
  if (!hasChromium) {
    const note = `${CHROMIUM} is missing: install the Debian package chromium (.ci/run does)`
    if (inCi) throw new Error(note)
    skip(note)
  }
  if (!browser || !demo) throw new Error('the demo or the browser did not start')
  return { browser, demo }
}

let demo: DemoServer | undefined
let browser: Browser | undefined
const logLines: string[] = []

async function fillCard(page: Page, cardNumber: string): Promise<void> {
  await page.getByLabel('Card number').fill(cardNumber)
  await page.getByLabel('Expiry month').selectOption('09')
  await page.getByLabel('Expiry year').selectOption(EXPIRY_YEAR)
  await page.getByLabel('Security code').fill(SENTINEL_SECURITY_CODE)
  await page.getByLabel('First name').fill('Grace')
  await page.getByLabel('Email').fill('grace@example.com')
}

async function expectPageClean(page: Page): Promise<void> {
  // The rendered text is what a person sees; the HTML also holds attributes and hidden text.
  // biome-ignore lint/performance/useDomNodeTextContent: rendered text is the point here
  const text = `${await page.content()}\n${await page.locator('body').innerText()}`
  expect(findSensitiveData(text, [SENTINEL_SECURITY_CODE, LUHN_FAILING])).toEqual([])
  expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/)
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const path = `${ARTIFACTS}${name}.png`
  await page.screenshot({ path, fullPage: true })
  console.log(`screenshot: ${path}`)
}

describe('the virtual terminal in Chromium', () => {
  beforeAll(async () => {
    if (!hasChromium) return
    demo = await startDemoServer(
      { port: 0, flex: { mode: 'emulator', authentication: 'jwt' } },
      {
        log: (entry) => logLines.push(JSON.stringify(entry)),
        emulator: { keyPool: { reuseKeys: true, size: 1 } },
      },
    )
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS })
  })

  afterAll(async () => {
    await browser?.close()
    await demo?.close()
  })

  it('tokenizes a test card, then shows a Luhn failure on the card number field', async ({
    skip,
  }) => {
    const { browser, demo } = requireBrowser(skip)
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(demo.url)
    await expect(page.getByRole('heading', { name: 'New card payment' }).count()).resolves.toBe(1)
    await fillCard(page, CARD_NUMBER)
    await page.getByRole('button', { name: 'Tokenize card' }).click()
    await page.getByRole('heading', { name: 'Card tokenized' }).waitFor()
    // biome-ignore lint/performance/useDomNodeTextContent: rendered text is the point here
    const result = await page.locator('main').innerText()
    expect(result).toContain('Verified transient token')
    expect(result).toContain('•••• 0005')
    expect(result).toContain('378282XXXXX0005')
    expect(await page.locator('.status-ok').count()).toBe(5)
    const countdown = page.locator('time.countdown').first()
    const timeLeft = await countdown.textContent()
    expect(timeLeft).toMatch(/^1[45]:\d\d$/)
    // The optional script keeps the server-rendered time left ticking, once a second: allow 30
    // ticks, as a busy machine may starve the page.
    await page.waitForFunction(
      (before) => document.querySelector('time.countdown')?.textContent !== before,
      timeLeft,
      { timeout: 30_000 },
    )
    await screenshot(page, 'virtual-terminal-tokenized')
    await expectPageClean(page)

    await page.getByRole('link', { name: 'New payment' }).first().click()
    await fillCard(page, LUHN_FAILING)
    await page.getByRole('button', { name: 'Tokenize card' }).click()
    await page.getByRole('heading', { name: 'Check the highlighted fields' }).waitFor()
    const cardNumber = page.getByLabel('Card number')
    expect(await cardNumber.getAttribute('aria-invalid')).toBe('true')
    expect(await cardNumber.inputValue()).toBe('')
    expect(await page.locator('#field-paymentInformation-card-number-error').textContent()).toBe(
      'Card number is not a valid card number',
    )
    expect(await page.getByLabel('First name').inputValue()).toBe('Grace')
    await screenshot(page, 'virtual-terminal-field-error')
    await expectPageClean(page)

    const log = logLines.join('\n')
    expect(log).toContain('"outcome":"tokenized"')
    expect(log).toContain('"reason":"luhn"')
    expect(findSensitiveData(log, [SENTINEL_SECURITY_CODE, LUHN_FAILING])).toEqual([])
    await page.close()
  })

  it('works with JavaScript turned off', async ({ skip }) => {
    const { browser, demo } = requireBrowser(skip)
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`${demo.url}fields`)
    await screenshot(page, 'virtual-terminal-fields')
    await page.getByLabel('Total amount').selectOption('required')
    await page.getByLabel('Currency').selectOption('required')
    await page.getByRole('button', { name: 'Use these fields' }).click()
    await page.getByLabel('Total amount').fill('49.90')
    await page.getByLabel('Currency').selectOption('EUR')
    await fillCard(page, CARD_NUMBER)
    await page.getByRole('button', { name: 'Tokenize card' }).click()
    await page.getByRole('heading', { name: 'Card tokenized' }).waitFor()
    expect(await page.locator('time.countdown').first().textContent()).toMatch(/^1[45]:\d\d$/)
    await expectPageClean(page)
    await context.close()
  })
})

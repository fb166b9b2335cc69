import type { Page } from 'playwright-core'
import { findSensitiveData, SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE } from 'test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import {
  checkoutPage,
  createMicroformContext,
  useMicroformBrowser,
} from './testing/microform-browser.js'
import { useEmulator } from './testing/use-emulator.js'

const CARD_NUMBER = SENTINEL_CARD_NUMBERS[3] as string // American Express: a 4-digit code
const EXPIRY_YEAR = String(new Date().getUTCFullYear() + 2)
const DAY_MS = 86_400_000

// What the checkout page (testing/microform-browser.ts) exposes to these tests.
interface CheckoutWindow {
  loaded: number
  microform: {
    createToken(options: object, callback: (error: { reason: string } | null) => void): void
  }
  number: { dispose(): void }
  createToken(month: string, year: string): Promise<{ token?: string; reason?: string }>
  calls: string[]
}

const running = useEmulator()
const { requireBrowser, open } = useMicroformBrowser()
afterEach(() => running.emulator.clock.reset())

async function openCheckout(site: string): Promise<Page> {
  const page = await open(site, checkoutPage(await createMicroformContext(running.emulator, site)))
  await page.waitForFunction(() => (window as unknown as CheckoutWindow).loaded === 2, null, {
    timeout: 30_000,
  })
  return page
}

const createToken = (page: Page) =>
  page.evaluate(
    (year) => (window as unknown as CheckoutWindow).createToken('09', year),
    EXPIRY_YEAR,
  )

describe('the emulated Microform v2 library in Chromium: clock and dispose', () => {
  it("follows the emulator's clock, not the browser's, for the capture context's expiry", async ({
    skip,
  }) => {
    const { site } = requireBrowser(skip)
    running.emulator.clock.set(new Date(Date.now() - 2 * DAY_MS))
    const page = await openCheckout(site)
    await page.frameLocator('#number-container iframe').locator('input').fill(CARD_NUMBER)
    await page
      .frameLocator('#securityCode-container iframe')
      .locator('input')
      .fill(SENTINEL_SECURITY_CODE)
    const first = await createToken(page)
    expect(first.token).toMatch(/^eyJ/)
    running.emulator.clock.reset()
    expect(await createToken(page)).toEqual({
      reason: 'CAPTURE_CONTEXT_EXPIRED',
      name: 'MicroformError',
    })
    const html = await page.content()
    expect(findSensitiveData(html, [SENTINEL_SECURITY_CODE])).toEqual([])
    await page.close()
  }, 120_000)

  it('calls a pending createToken back once with CREATE_TOKEN_NO_FIELDS_LOADED when the number field is disposed', async ({
    skip,
  }) => {
    const { site } = requireBrowser(skip)
    const page = await openCheckout(site)
    const calls = () => page.evaluate(() => (window as unknown as CheckoutWindow).calls)
    await page.evaluate(() => {
      const page = window as unknown as CheckoutWindow
      page.calls = []
      const record = (error: { reason: string } | null) =>
        page.calls.push(error ? error.reason : 'token')
      page.microform.createToken({}, record)
      page.microform.createToken({}, record)
      page.number.dispose()
    })
    await expect
      .poll(calls, { timeout: 30_000 })
      .toEqual(['CREATE_TOKEN_NO_FIELDS_LOADED', 'CREATE_TOKEN_NO_FIELDS_LOADED'])
    expect(await page.locator('#number-container iframe').count()).toBe(0)
    await page.close()
  }, 120_000)
})

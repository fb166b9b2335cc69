import { findSensitiveData, SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { verifyTokenOfContext } from './testing/flow.js'
import {
  barePage,
  checkoutPage,
  createMicroformContext,
  fieldState,
  useMicroformBrowser,
} from './testing/microform-browser.js'
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
const { requireBrowser, open } = useMicroformBrowser()
const createContext = (site: string) => createMicroformContext(running.emulator, site)

describe('the emulated Microform v2 library in Chromium', () => {
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

import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMicroformContext } from './testing/microform-browser.js'
import { runFieldScript } from './testing/run-field-script.js'
import { useEmulator } from './testing/use-emulator.js'

const SHOP = 'https://shop.example'
const OTHER = 'https://other.example'
const DAY_MS = 86_400_000

const running = useEmulator()
afterEach(() => running.emulator.clock.reset())

type Claims = { exp: number; ctx: { data: { targetOrigins: string[] } }[] }

// field.js on a fake page: what a browser without location.ancestorOrigins (Firefox) gives it.
function fieldPage(page: { ancestorOrigins?: string[]; referrer: string; framed?: boolean }) {
  const listeners: ((event: object) => void)[] = []
  const parent = { postMessage: vi.fn() }
  const dataset: Record<string, string> = {}
  const input = { value: '', addEventListener: () => {}, classList: { toggle: () => {} } }
  const claims: Claims = { exp: 0, ctx: [{ data: { targetOrigins: [SHOP] } }] }
  runFieldScript('field.js', {
    self: {
      FlexEmulatorCardBrands: { describeNumber: () => ({}), describeSecurityCode: () => ({}) },
      FlexEmulatorFieldCrypto: { verifyContext: async () => claims, encryptFor: async () => '' },
      FlexEmulatorParentOrigin: runFieldScript('parent-origin.js').FlexEmulatorParentOrigin,
    },
    window: {
      parent,
      // The merchant page is the top page, unless it is itself framed by another.
      top: page.framed ? { postMessage: vi.fn() } : parent,
      location: { origin: 'https://emulator.example', ancestorOrigins: page.ancestorOrigins },
      addEventListener: (type: string, listener: (event: object) => void) => {
        if (type === 'message') listeners.push(listener)
      },
    },
    document: {
      referrer: page.referrer,
      documentElement: { dataset },
      getElementById: (id: string) => (id === 'field' ? input : { textContent: '' }),
    },
    BroadcastChannel: class {
      addEventListener(): void {}
    },
  })
  return {
    async init(origin: string): Promise<string | undefined> {
      const data = {
        type: 'flex-microform:init',
        field: 'number',
        captureContext: 'c',
        channel: 'x',
      }
      for (const listener of listeners) listener({ source: parent, origin, data })
      await vi.waitFor(() => expect(dataset.state).toBeDefined(), { timeout: 30_000 })
      return dataset.state
    },
  }
}

describe('the field page in a browser without location.ancestorOrigins', () => {
  it('answers a listed parent whose origin the referrer confirms', async () => {
    expect(await fieldPage({ referrer: `${SHOP}/checkout` }).init(SHOP)).toBe('ready')
    expect(await fieldPage({ ancestorOrigins: [SHOP], referrer: '' }).init(SHOP)).toBe('ready')
  })

  it('refuses when the referrer is missing or names another origin (fails closed)', async () => {
    expect(await fieldPage({ referrer: '' }).init(SHOP)).toBe('refused')
    expect(await fieldPage({ referrer: `${OTHER}/` }).init(SHOP)).toBe('refused')
    expect(await fieldPage({ referrer: `${SHOP}/`, framed: true }).init(SHOP)).toBe('refused')
  })
})

describe("the field page's check of the capture context (field-crypto.js)", () => {
  async function verify(context: string): Promise<Claims | undefined> {
    const { url } = running.emulator
    const mfOrigin = JSON.parse(Buffer.from(context.split('.')[1] ?? '', 'base64url').toString())
      .ctx[0].data.mfOrigin
    const crypto = runFieldScript('field-crypto.js', {
      window: { location: { origin: mfOrigin } },
      fetch: (path: string) => fetch(`${url}${path}`),
    }).FlexEmulatorFieldCrypto as { verifyContext(context: string): Promise<Claims | undefined> }
    return crypto.verifyContext(context)
  }

  it('leaves expiry to the emulator: a context issued on a clock set back still loads', async () => {
    running.emulator.clock.set(new Date(Date.now() - 2 * DAY_MS))
    const context = await createMicroformContext(running.emulator, SHOP)
    const claims = await verify(context)
    expect(claims?.exp).toBeLessThan(Date.now() / 1000)
    expect(claims?.ctx[0]?.data.targetOrigins).toEqual([SHOP])
  })

  it('still refuses a context whose signature does not verify', async () => {
    const [header, payload, signature] = (
      await createMicroformContext(running.emulator, SHOP)
    ).split('.')
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())
    claims.ctx[0].data.targetOrigins.push(OTHER)
    const forged = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature]
    expect(await verify(forged.join('.'))).toBeUndefined()
  })
})

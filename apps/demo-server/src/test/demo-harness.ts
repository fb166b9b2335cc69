import { type FlexEmulator, listPaymentTestTriggers, startFlexEmulator } from 'flex-emulator'
import { createMemoryStorage } from 'flex-jwt'
import { type FlexStorage, type TransientToken, validatePaymentData } from 'flex-types'
import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE } from 'test-utils'
import { afterAll, beforeAll, beforeEach, expect } from 'vitest'
import { createApp, type DemoDeps } from '../create-app.js'
import { createFlexFunctions, type DemoFlexFunctions } from '../create-flex-functions.js'
import type { LogEntry } from '../create-json-logger.js'
import { toSessionFields } from '../field-selection.js'
import type { FlexFunctions } from '../flex-functions.js'

const ORIGIN = 'http://demo.test'
const FULL_JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/

/** The demo's app on the real packages against a real emulator, with its logs. */
export interface DemoHarness {
  emulator: FlexEmulator
  logs: LogEntry[]
  /** The SDK calls that ran since the last reset (`createSession` only). */
  calls: string[]
  /** Every transient token verified, to check that no page shows one. */
  tokens: TransientToken[]
  /** The real SDK calls the app is built from. */
  functions: FlexFunctions
  /** The real SDK calls on the same emulator with their store on `storage`. */
  functionsOn: (storage: FlexStorage) => DemoFlexFunctions
  /** A fresh app (empty stores), or one with some dependencies replaced. */
  reset: (overrides?: Partial<DemoDeps>) => void
  get: (path: string) => Promise<Response>
  post: (
    path: string,
    form: Record<string, string>,
    headers?: Record<string, string>,
  ) => Promise<Response>
  /** Follows a 303 of post/redirect/get, checking its shape. */
  follow: (response: Response) => Promise<Response>
  /** How many authorizations reached the emulator (each one answered). */
  authorizations: () => number
  close: () => Promise<void>
}

/** A form that pays with a test card (American Express: the sentinel security code has 4 digits). */
export function paymentForm(
  amount: string,
  intent: 'sale' | 'authorize' = 'sale',
  card = 3,
): Record<string, string> {
  return {
    'paymentInformation.card.number': SENTINEL_CARD_NUMBERS[card] as string,
    'paymentInformation.card.securityCode': SENTINEL_SECURITY_CODE,
    'paymentInformation.card.expirationMonth': '12',
    'paymentInformation.card.expirationYear': String(new Date().getUTCFullYear() + 1),
    'orderInformation.amountDetails.totalAmount': amount,
    'orderInformation.amountDetails.currency': 'USD',
    'orderInformation.billTo.firstName': 'Ada',
    'orderInformation.billTo.lastName': 'Lovelace',
    intent,
  }
}

const CARD = [
  'paymentInformation.card.number',
  'paymentInformation.card.securityCode',
  'paymentInformation.card.expirationMonth',
  'paymentInformation.card.expirationYear',
] as const

/**
 * Plays the browser of a checkout (Microform): a capture context created and verified by
 * `functions`, saved with `reference` unless it is `undefined`, a test card encrypted to it and a
 * transient token made with it. Returns the token's JWT.
 */
export async function tokenFromBrowser(
  functions: FlexFunctions,
  reference: string | undefined,
  card = 3,
): Promise<string> {
  const jwt = await functions.createSession(toSessionFields({ required: CARD, optional: [] }))
  const captureContext = await functions.verifyCaptureContext(jwt)
  if (reference !== undefined) await functions.saveCaptureContext(captureContext, reference)
  const form = paymentForm('1.00', 'sale', card)
  const { data } = validatePaymentData(Object.fromEntries(CARD.map((path) => [path, form[path]])), {
    requiredFields: captureContext.requiredFields,
    optionalFields: captureContext.optionalFields,
  })
  const jwe = await functions.encryptPaymentData(captureContext, data)
  return functions.createTransientToken(captureContext, jwe)
}

/** A storage that fails every call while `failing` is set, else a memory storage. */
export function createSwitchableStorage(clock: { now: number }): {
  storage: FlexStorage
  state: { failing: boolean }
} {
  const inner = createMemoryStorage({ currentDate: () => new Date(clock.now) })
  const state = { failing: false }
  const guard =
    <Args extends unknown[], Result>(call: (...args: Args) => Promise<Result>) =>
    (...args: Args) =>
      state.failing ? Promise.reject(new Error('storage unreachable')) : call(...args)
  const storage: FlexStorage = {
    get: guard((key: string) => inner.get(key)),
    set: guard((key: string, value: string, ttl: number) => inner.set(key, value, ttl)),
    setIfAbsent: guard((key: string, value: string, ttl: number) =>
      inner.setIfAbsent(key, value, ttl),
    ),
    delete: guard((key: string) => inner.delete(key)),
  }
  return { storage, state }
}

/** Checks a page or the logs for card data, the security code and tokens. */
export function expectNothingSensitive(text: string): void {
  expectNoSensitiveData(text, [SENTINEL_SECURITY_CODE])
  expect(text).not.toMatch(FULL_JWT)
}

/**
 * Starts an emulator and builds the demo's app on it (emulator mode: the test-card helper on).
 *
 * @example
 * ```ts
 * const demo = await startDemoHarness()
 * const receipt = await demo.follow(await demo.post('/payments', paymentForm('10.00')))
 * ```
 */
export async function startDemoHarness(): Promise<DemoHarness> {
  const emulator = await startFlexEmulator({
    port: 0,
    host: '127.0.0.1',
    keyPool: { reuseKeys: true, size: 1 },
  })
  const logs: LogEntry[] = []
  const calls: string[] = []
  const tokens: TransientToken[] = []
  const functionsOn = (storage?: FlexStorage) =>
    createFlexFunctions({
      target: { origin: emulator.url },
      credentials: emulator.merchant,
      authentication: 'jwt',
      log: (entry) => logs.push(entry),
      inspectTransientToken: (jti) => emulator.inspectTransientToken(jti),
      ...(storage ? { storage } : {}),
    })
  const real = functionsOn()
  const functions = {
    ...real,
    createSession: (fields: Parameters<FlexFunctions['createSession']>[0]) => {
      calls.push('createSession')
      return real.createSession(fields)
    },
    verifyTransientToken: async (jwt: string) => {
      const token = await real.verifyTransientToken(jwt)
      tokens.push(token)
      return token
    },
  }
  const build = (overrides: Partial<DemoDeps> = {}) =>
    createApp({
      ...functions,
      testTriggers: listPaymentTestTriggers(),
      target: { kind: 'emulator', label: 'Emulator', origin: emulator.url },
      allowedHosts: ['demo.test'],
      log: (entry) => logs.push(entry),
      ...overrides,
    })
  let app = build()
  const get = async (path: string) => app.request(`${ORIGIN}${path}`)
  return {
    emulator,
    logs,
    calls,
    tokens,
    functions,
    functionsOn,
    reset: (overrides) => {
      app = build(overrides)
      logs.length = 0
      calls.length = 0
    },
    get,
    post: async (path, form, headers = {}) =>
      app.request(`${ORIGIN}${path}`, {
        method: 'POST',
        headers: {
          origin: ORIGIN,
          'content-type': 'application/x-www-form-urlencoded',
          ...headers,
        },
        body: new URLSearchParams(form).toString(),
      }),
    follow: async (response) => {
      expect(response.status).toBe(303)
      const location = response.headers.get('location') ?? ''
      expect(location).toMatch(/^\/(receipts|transactions)\/[0-9a-f]{20}(\?event=\d+)?$/)
      expect(response.headers.get('cache-control')).toBe('no-store')
      return get(location)
    },
    authorizations: () =>
      logs.filter((entry) => entry.msg === 'flex call' && entry.operation === 'authorizePayment')
        .length,
    close: () => emulator.close(),
  }
}

/**
 * Registers the hooks of a test file on one harness: started before all tests, closed after
 * them, and before each test its emulator's faults and clock reset and its app rebuilt fresh.
 * The harness returned is filled in by the time the tests run.
 *
 * @example
 * ```ts
 * const demo = useDemoHarness()
 * it('pays', async () => {
 *   await demo.follow(await demo.post('/payments', paymentForm('10.00')))
 * })
 * ```
 */
export function useDemoHarness(): DemoHarness {
  const demo = {} as DemoHarness
  beforeAll(async () => {
    Object.assign(demo, await startDemoHarness())
  })
  afterAll(async () => {
    await demo.close?.()
  })
  beforeEach(() => {
    demo.emulator.faults.clear()
    demo.emulator.clock.reset()
    demo.reset()
  })
  return demo
}

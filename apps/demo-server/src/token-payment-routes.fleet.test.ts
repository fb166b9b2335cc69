import { describe, expect, it } from 'vitest'
import type { LogEntry } from './create-json-logger.js'
import { expectNothingSensitive, tokenFromBrowser } from './test/demo-harness.js'
import { useRedisAndEmulator } from './test/redis-and-emulator.js'
import { newFormReference } from './verify-and-consume.js'

const fleet = useRedisAndEmulator()
const { emulatorLines, authorizations } = fleet

/** One demo instance of the fleet: its own Redis connection, SDK calls and app. */
function startInstance(logs: LogEntry[]) {
  const { functions, post } = fleet.startInstance(logs)
  return { functions, pay: (form: Record<string, string>) => post('/payments/token', form) }
}

describe('two demo instances behind one real Redis and one emulator', () => {
  it('a context saved by one, its token paid by the other, a replay refused on either', async () => {
    const logs: LogEntry[] = []
    const one = startInstance(logs)
    const two = startInstance(logs)
    const reference = newFormReference()
    const jwt = await tokenFromBrowser(one.functions, reference)
    const form = {
      transientToken: jwt,
      reference,
      'orderInformation.amountDetails.totalAmount': '25.00',
      'orderInformation.amountDetails.currency': 'USD',
      intent: 'authorize',
    }
    emulatorLines.length = 0

    const paid = await two.pay(form)
    expect(paid.status).toBe(303)
    expect(paid.headers.get('location')).toMatch(/^\/transactions\/[0-9a-f]{20}$/)
    for (const instance of [one, two, one]) {
      const replay = await instance.pay(form)
      expect(replay.status).toBe(409)
      const page = await replay.text()
      expect(page).toContain('Nothing was charged (ERR_FLEX_TOKEN_ALREADY_USED)')
      expectNothingSensitive(page)
    }
    expect(authorizations()).toBe(1)
    expect(emulatorLines.filter((line) => line.includes('/pts/'))).toHaveLength(1)
    expect(
      logs.filter((entry) => entry.msg === 'token payment').map((entry) => entry.outcome),
    ).toEqual(['paid', 'refused', 'refused', 'refused'])
    expectNothingSensitive(JSON.stringify(logs) + emulatorLines.join('\n'))
  })

  it('50 concurrent posts of one token to both instances: exactly one is paid', async () => {
    const one = startInstance([])
    const two = startInstance([])
    const reference = newFormReference()
    const jwt = await tokenFromBrowser(two.functions, reference)
    const form = {
      transientToken: jwt,
      reference,
      'orderInformation.amountDetails.totalAmount': '5.00',
      'orderInformation.amountDetails.currency': 'USD',
    }
    emulatorLines.length = 0
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, index) => (index % 2 ? one : two).pay(form)),
    ).then((responses) => responses.map((response) => response.status))
    expect(statuses.filter((status) => status === 303)).toHaveLength(1)
    expect(statuses.filter((status) => status === 409)).toHaveLength(49)
    expect(authorizations()).toBe(1)
  })
})

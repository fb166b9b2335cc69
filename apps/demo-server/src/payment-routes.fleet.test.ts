import { describe, expect, it } from 'vitest'
import { expectNothingSensitive, paymentForm } from './test/demo-harness.js'
import { useRedisAndEmulator } from './test/redis-and-emulator.js'
import { newFormReference } from './verify-and-consume.js'

const fleet = useRedisAndEmulator()
const { emulatorLines, authorizations } = fleet

/** One demo instance of the fleet: its own Redis connection and app; posts the terminal form. */
function startInstance(): (form: Record<string, string>) => Promise<Response> {
  const instance = fleet.startInstance()
  return (form) => instance.post('/payments', form)
}

describe('one terminal form posted to two demo instances behind one real Redis', () => {
  it('concurrent posts of the form to both: one authorization, the others refused or sent to its receipt', async () => {
    const one = startInstance()
    const two = startInstance()
    const form = { ...paymentForm('15.00'), reference: newFormReference() }
    emulatorLines.length = 0
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, index) => (index % 2 ? one : two)(form)),
    )
    expect(authorizations()).toBe(1)
    const statuses = responses.map((response) => response.status)
    expect(statuses.filter((status) => status === 303).length).toBeGreaterThanOrEqual(1)
    expect(statuses.every((status) => status === 303 || status === 409)).toBe(true)
    const locations = new Set(
      responses.filter((response) => response.status === 303).map((r) => r.headers.get('location')),
    )
    expect(locations.size).toBe(1)
    const refused = responses.find((response) => response.status === 409)
    if (refused) expectNothingSensitive(await refused.text())
  })
})

import { expectNoSensitiveData } from 'test-utils'
import { afterAll, describe, expect, it } from 'vitest'
import {
  authorizationRequest,
  issueTransientToken,
  reversalBody,
  send,
} from './testing/payment-flow.js'
import { useEmulator } from './testing/use-emulator.js'

const running = useEmulator()
const { lines } = running
afterAll(() => expectNoSensitiveData(lines.join('\n')))

describe('faults on the payment routes', () => {
  it('commits an authorization and drops its answer, so the timeout reversal finds it', async () => {
    const token = await issueTransientToken(running.emulator)
    running.emulator.faults.inject('payments', { dropAnswer: true, times: 1 })
    const request = authorizationRequest(token, '33.00', { transactionId: 'lost-answer-1' })
    const lost = await send(running.emulator, '/pts/v2/payments', request).catch(
      (error: unknown) => error,
    )
    expect(lost).toBeInstanceOf(TypeError)
    expect(lines.at(-1)).toMatch(/POST \/pts\/v2\/payments .*dropped after 201 \(injected\)/)
    const retried = await send(running.emulator, '/pts/v2/payments', request)
    expect(retried.body.reason).toBe('DUPLICATE_REQUEST')
    const reversal = await send(running.emulator, '/pts/v2/reversals', {
      ...reversalBody('33.00'),
      clientReferenceInformation: { transactionId: 'lost-answer-1' },
    })
    expect(reversal.status).toBe(201)
    expect(reversal.body.status).toBe('REVERSED')
  })

  it('answers an injected status without touching the state', async () => {
    const token = await issueTransientToken(running.emulator)
    running.emulator.faults.inject('payments', { status: 502, times: 1 })
    const request = authorizationRequest(token, '1.00', { transactionId: 'injected-502' })
    expect((await send(running.emulator, '/pts/v2/payments', request)).status).toBe(502)
    expect((await send(running.emulator, '/pts/v2/payments', request)).status).toBe(201)
  })

  it('refuses a dropAnswer that is not a boolean', () => {
    expect(() =>
      running.emulator.faults.inject('payments', { dropAnswer: 'yes' as never }),
    ).toThrow(/^faults\.inject: dropAnswer must be a boolean/)
  })
})

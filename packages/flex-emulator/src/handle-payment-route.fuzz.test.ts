import fc from 'fast-check'
import { expectNoSensitiveData } from 'test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  authorizationRequest,
  authorize,
  issueTransientToken,
  send,
} from './testing/payment-flow.js'
import { useEmulator } from './testing/use-emulator.js'

let token: string
let paymentId: string

const running = useEmulator()
const { lines } = running
beforeAll(async () => {
  token = await issueTransientToken(running.emulator)
  paymentId = (await authorize(running.emulator, '50.00', { capture: false })).body.id
})
afterAll(() => expectNoSensitiveData(lines.join('\n')))

// Any JSON value where the request has a field: the answer is a 201 or a 4xx, never a 5xx.
const anyJson = fc.jsonValue({ maxDepth: 3 })
const fieldPaths = [
  ['orderInformation', 'amountDetails', 'totalAmount'],
  ['orderInformation', 'amountDetails', 'currency'],
  ['orderInformation', 'billTo', 'postalCode'],
  ['orderInformation', 'amountDetails'],
  ['orderInformation'],
  ['processingInformation', 'capture'],
  ['processingInformation'],
  ['clientReferenceInformation', 'code'],
  ['clientReferenceInformation', 'transactionId'],
  ['tokenInformation', 'transientTokenJwt'],
  ['tokenInformation', 'jti'],
  ['tokenInformation'],
  ['reversalInformation', 'amountDetails', 'totalAmount'],
  ['__proto__'],
  ['constructor', 'prototype'],
]

function withValueAt(
  body: Record<string, unknown>,
  path: string[],
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(body)
  let node: Record<string, unknown> = copy
  for (const part of path.slice(0, -1)) {
    const next = node[part]
    node[part] = typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {}
    node = node[part] as Record<string, unknown>
  }
  Object.defineProperty(node, path.at(-1) as string, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
  return copy
}

const routes = () => [
  '/pts/v2/payments',
  `/pts/v2/payments/${paymentId}/captures`,
  `/pts/v2/payments/${paymentId}/reversals`,
  `/pts/v2/payments/${paymentId}/refunds`,
  `/pts/v2/payments/${paymentId}/voids`,
  `/pts/v2/captures/${paymentId}/refunds`,
  '/pts/v2/reversals',
  '/pts/v2/voids',
]

describe('payment routes under arbitrary field values', () => {
  it('answer 201 or a 4xx in the payments shape, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 7 }),
        fc.constantFrom(...fieldPaths),
        anyJson,
        async (route, path, value) => {
          const body = withValueAt(
            authorizationRequest(token, '1.00', { capture: false }),
            path,
            value,
          )
          const answer = await send(running.emulator, routes()[route] as string, body)
          expect(answer.status).toBeLessThan(500)
          if (answer.status >= 400) {
            expect(answer.body).toMatchObject({
              status: 'INVALID_REQUEST',
              reason: expect.any(String),
            })
          }
        },
      ),
      { numRuns: 150 },
    )
  })

  it('answer a 4xx to any top-level JSON value', async () => {
    await fc.assert(
      fc.asyncProperty(anyJson, async (value) => {
        const answer = await send(running.emulator, '/pts/v2/payments', value)
        expect(answer.status).toBeGreaterThanOrEqual(400)
        expect(answer.status).toBeLessThan(500)
      }),
      { numRuns: 100 },
    )
  })
})

import { encodeBase64Url } from 'flex-types/internal'
import type { FlexApiResponse, FlexRequestOptions, PaymentsClient } from '../payments-client.js'

const TEST_ORIGIN = 'https://apitest.cybersource.com'

/** What the fake answers one request with: a response, or an error to throw. */
export type FakeAnswer = FlexApiResponse | { error: unknown }

/** A PaymentsClient that records every request and answers from a script, in order. */
export function createFakePaymentsClient(
  answers: FakeAnswer[] = [],
  origin: string = TEST_ORIGIN,
): PaymentsClient & { calls: FlexRequestOptions[] } {
  const calls: FlexRequestOptions[] = []
  return {
    origin,
    calls,
    async request(options) {
      const { signal, ...rest } = options
      calls.push({ ...structuredClone(rest), ...(signal ? { signal } : {}) })
      const answer = answers.shift()
      if (answer === undefined) throw new Error('the fake client has no answer left')
      if ('error' in answer) throw answer.error
      return answer
    },
  }
}

/** A 201 answer with `body`. */
export function created(
  body: unknown,
  correlationId: string | undefined = 'corr-1',
): FlexApiResponse {
  return { status: 201, body, correlationId }
}

/** An unsigned transient-token-shaped JWT (the package only decodes it). */
export function createTestToken(claims: Record<string, unknown>): string {
  const encode = (value: unknown) =>
    encodeBase64Url(new TextEncoder().encode(JSON.stringify(value)))
  return `${encode({ kid: 'k1', alg: 'RS256' })}.${encode(claims)}.c2lnbmF0dXJl`
}

export const TEST_JTI = '1E0WC1GO87JG1BDP0CQ8SCR1TTK86U9N98H3WH8IFM9MVEWTIYFI62F4941E7A92'
export const NOW: Date = new Date('2026-12-05T12:00:00Z')
export const VALID_TOKEN: string = createTestToken({
  iss: 'Flex/08',
  type: 'api-0.1.0',
  iat: NOW.getTime() / 1000 - 60,
  exp: NOW.getTime() / 1000 + 840,
  jti: TEST_JTI,
})

import { FLEX_ERROR_CODES } from 'flex-types'
import { createFakeFetch } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { createFlexClient, type FlexRequestMethod } from './index.js'

const merchant = {
  merchantId: 'retry_merchant',
  keyId: 'key-1',
  sharedSecret: 'c2hhcmVkLXNlY3JldC1mb3ItcmV0cnktdGVzdHMtMzI=',
}
const OK = '{"status":"AUTHORIZED"}'

type Failure = { name: string; answer: () => Response }

function networkError(code: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) })
}

function status(code: number): Failure {
  return {
    name: `status ${code}`,
    answer: () =>
      new Response('{"reason":"SYSTEM_ERROR"}', {
        status: code,
        headers: { 'content-type': 'application/json' },
      }),
  }
}

function thrown(code: string): Failure {
  return {
    name: code,
    answer: () => {
      throw networkError(code)
    },
  }
}

// backoffLimit 0: every backoff is zero, so the retries run without any clock.
async function run(method: FlexRequestMethod, failure: Failure) {
  const fetch = createFakeFetch((_request, index) =>
    index === 0
      ? failure.answer()
      : new Response(OK, { status: 201, headers: { 'content-type': 'application/json' } }),
  )
  const client = createFlexClient({
    origin: 'http://127.0.0.1:4010',
    credentials: merchant,
    fetch,
    retry: { limit: 2, backoffLimit: 0 },
  })
  const body = method === 'GET' || method === 'DELETE' ? undefined : { amount: '1.00' }
  const outcome = await client
    .request({ method, path: '/pts/v2/payments/1', body })
    .catch((caught: unknown) => caught)
  return { outcome, sent: fetch.requests.length }
}

describe('a GET is retried like a session', () => {
  it.each([
    status(408),
    status(429),
    status(502),
    status(503),
    status(504),
    thrown('ECONNRESET'),
    thrown('ECONNREFUSED'),
  ])('retries after $name', async (failure) => {
    const { outcome, sent } = await run('GET', failure)
    expect(outcome).toMatchObject({ status: 201, body: { status: 'AUTHORIZED' } })
    expect(sent).toBe(2)
  })

  it.each([status(400), status(401), status(500)])('does not retry $name', async (failure) => {
    const { outcome, sent } = await run('GET', failure)
    expect(outcome).toMatchObject({ code: expect.stringMatching(/^ERR_FLEX_/) })
    expect(sent).toBe(1)
  })
})

describe.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)(
  'a %s is retried only when it never left',
  (method) => {
    it.each([thrown('ECONNREFUSED'), thrown('ENOTFOUND'), thrown('UND_ERR_CONNECT_TIMEOUT')])(
      'retries after $name',
      async (failure) => {
        const { outcome, sent } = await run(method, failure)
        expect(outcome).toMatchObject({ status: 201 })
        expect(sent).toBe(2)
      },
    )

    it.each([
      status(408),
      status(429),
      status(500),
      status(502),
      status(503),
      status(504),
      thrown('ECONNRESET'),
    ])('does not retry after $name', async (failure) => {
      const { outcome, sent } = await run(method, failure)
      expect(outcome).toMatchObject({ code: expect.stringMatching(/^ERR_FLEX_/) })
      expect(sent).toBe(1)
    })

    it('does not retry after a timeout', async () => {
      let calls = 0
      const client = createFlexClient({
        origin: 'http://127.0.0.1:4010',
        credentials: merchant,
        timeout: 50,
        retry: { limit: 2, backoffLimit: 0 },
        fetch: (_input, init) => {
          calls += 1
          return new Promise((_resolve, reject) =>
            init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
          )
        },
      })
      const body = method === 'DELETE' ? undefined : {}
      const error = await client
        .request({ method, path: '/pts/v2/payments', body })
        .catch((caught: unknown) => caught)
      expect(error).toMatchObject({ code: FLEX_ERROR_CODES.TIMEOUT })
      expect(calls).toBe(1)
    })
  },
)

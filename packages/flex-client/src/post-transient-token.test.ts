import { FLEX_ERROR_CODES } from 'flex-types'
import { createFakeFetch, expectNoSensitiveData } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { createFlexClient, FlexOriginNotAllowedError } from './index.js'

const credentials = {
  merchantId: 'origin_merchant',
  keyId: 'key-1',
  sharedSecret: 'c2hhcmVkLXNlY3JldC1mb3Itb3JpZ2luLXRlc3RzLTE=',
}
const JWE = 'a.b.c.d.e'
// A path and a query that must never reach a message: the origin is configuration, the rest of a
// tokens URL is not.
const PRIVATE_TAIL = '/flex/v2/tokens/private-path-segment?session=private-query-value'

async function refusal(origin: string, tokensUrl: string) {
  const fetch = createFakeFetch(() => new Response('', { status: 201 }))
  const error = await createFlexClient({ origin, credentials, fetch })
    .createTransientToken({ tokensUrl }, JWE)
    .catch((caught: unknown) => caught)
  expect(fetch.requests).toHaveLength(0)
  expect(FlexOriginNotAllowedError.isInstance(error)).toBe(true)
  return error as FlexOriginNotAllowedError
}

describe('createTransientToken: a tokens URL off the allow-list', () => {
  it('names the tokens URL origin and the origin the client was created with (#15.1)', async () => {
    const error = await refusal('http://localhost:4010', `http://127.0.0.1:4010${PRIVATE_TAIL}`)
    expect(error).toMatchObject({
      code: FLEX_ERROR_CODES.ORIGIN_NOT_ALLOWED,
      origin: 'http://127.0.0.1:4010',
      allowedOrigins: ['http://localhost:4010'],
      problem: 'not-allowed',
    })
    expect(error.message).toContain(
      "the capture context's tokens URL is on http://127.0.0.1:4010, but this client was created with origin http://localhost:4010",
    )
    expect(error.message).toContain('127.0.0.1 and localhost are different origins')
    expect(error.message).not.toMatch(/environment/)
    expectNoSensitiveData(error, ['private-path-segment', 'private-query-value'])
  })

  it('lists the environment origins a test client also accepts, without a loopback hint', async () => {
    const fetch = createFakeFetch(() => new Response('', { status: 201 }))
    const error = await createFlexClient({ environment: 'test', credentials, fetch })
      .createTransientToken({ tokensUrl: `https://flex.cybersource.com${PRIVATE_TAIL}` }, JWE)
      .catch((caught: unknown) => caught)
    expect(fetch.requests).toHaveLength(0)
    expect((error as Error).message).toBe(
      "the capture context's tokens URL is on https://flex.cybersource.com, but this client was created with origin https://apitest.cybersource.com (and also accepts https://testflex.cybersource.com); create the capture context with this client, or create the client with the origin the capture context names",
    )
    expectNoSensitiveData(error, ['private-path-segment', 'private-query-value'])
  })

  it('says a tokens URL that is not a URL is not one', async () => {
    const error = await refusal('http://localhost:4010', 'not a url private-path-segment')
    expect(error).toMatchObject({ origin: 'null', problem: 'not-a-url' })
    expect(error.message).toMatch(/^the capture context's tokens URL is not a URL/)
    expectNoSensitiveData(error, ['private-path-segment'])
  })

  it('refuses user info on an allowed origin without echoing it', async () => {
    const error = await refusal(
      'http://localhost:4010',
      `http://user-name:pass-word@localhost:4010${PRIVATE_TAIL}`,
    )
    expect(error).toMatchObject({ origin: 'http://localhost:4010', problem: 'user-info' })
    expectNoSensitiveData(error, ['user-name', 'pass-word', 'private-path-segment'])
  })
})

import { FLEX_ERROR_CODES } from 'flex-types'
import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { createFlexHttpError } from './create-flex-http-error.js'
import { FlexAuthenticationError, type FlexHttpError } from './errors.js'

const PAN = SENTINEL_CARD_NUMBERS[0] ?? ''
const AMEX = SENTINEL_CARD_NUMBERS[3] ?? ''
const SECRET = 'c2hhcmVkLXNlY3JldC1mb3Itc2VydmljZS1tZXNzYWdl'
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJtZXJjaGFudCJ9.c2lnbmF0dXJlLXZhbHVl'
const KEY_ID = '08c94330-f618-42a3-b09d-e1e43be5efda'

function answer(status: number, body: unknown, path = '/flex/v2/sessions', headers = {}) {
  return createFlexHttpError({
    status,
    headers: new Headers(headers),
    body: typeof body === 'string' ? body : JSON.stringify(body),
    method: 'POST',
    path,
  }) as FlexHttpError
}

const CHECK_CREDENTIALS =
  'check merchantId, keyId and sharedSecret, that they belong to the same environment'

describe('serviceMessage: the service explanation, read from each shape (#15.2)', () => {
  it('reads message of the reason form', () => {
    const error = answer(401, { reason: 'INVALID_APIKEY', message: 'Merchant APIKEY is invalid' })
    expect(FlexAuthenticationError.isInstance(error)).toBe(true)
    expect(error.serviceMessage).toBe('Merchant APIKEY is invalid')
    expect(error.message).toBe(
      `POST /flex/v2/sessions failed with status 401 (INVALID_APIKEY); the service said: "Merchant APIKEY is invalid"; ${CHECK_CREDENTIALS} (test or production) as the origin, and that the server clock is right (±5 minutes)`,
    )
  })

  it('reads responseStatus.message', () => {
    const error = answer(400, {
      responseStatus: {
        status: 400,
        reason: 'VALIDATION_ERROR',
        message: 'One or more validation errors occurred',
        details: [{ location: 'targetOrigin', message: 'Target Origin[0] cannot use http' }],
      },
    })
    expect(error).toMatchObject({
      code: FLEX_ERROR_CODES.REQUEST_INVALID,
      reason: 'VALIDATION_ERROR',
      serviceMessage: 'One or more validation errors occurred',
      fieldLocations: ['targetOrigin'],
    })
  })

  it.each([
    'Authentication Failed',
    'missing http required header : v-c-merchant-id,signature,date,',
  ])('reads the gateway form { response: { rmsg: %j } } as an authentication error', (rmsg) => {
    const error = answer(401, { response: { rmsg } })
    expect(FlexAuthenticationError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({
      code: FLEX_ERROR_CODES.AUTHENTICATION,
      reason: undefined,
      serviceMessage: rmsg,
    })
    expect(error.message).toContain(`the service said: "${rmsg}"; ${CHECK_CREDENTIALS}`)
  })

  it('caps a long explanation at 200 characters', () => {
    const error = answer(400, { reason: 'X', message: 'word '.repeat(80) })
    expect(error.serviceMessage).toHaveLength(200)
    expect(error.serviceMessage?.endsWith('...')).toBe(true)
  })
})

describe('serviceMessage never carries request data', () => {
  const leaks: [label: string, text: string][] = [
    ['a card number', `card ${PAN} refused`],
    ['a spaced card number', `card ${PAN.replace(/(\d{4})/g, '$1 ')}refused`],
    ['an Amex number', `card ${AMEX} refused`],
    [
      'a card number with a separator between every digit',
      `card ${PAN.split('').join(' ')} refused`,
    ],
    ['a security code', `security code ${SENTINEL_SECURITY_CODE} refused`],
    ['a shared secret', `secret ${SECRET} does not decode`],
    ['a JWT', `token ${JWT} is invalid`],
    ['a key id', `unknown key ${KEY_ID}`],
    ['an e-mail address', 'billTo.email jane.doe@example.com is invalid'],
    ['a line break', 'Authentication\nFailed'],
    ['non-ASCII text', 'Authentification échouée'],
  ]
  it.each(leaks)('drops a message with %s, in both the message and rmsg', (_label, text) => {
    for (const body of [
      { reason: 'INVALID_APIKEY', message: text },
      { responseStatus: { reason: 'INVALID_APIKEY', message: text } },
      { response: { rmsg: text } },
    ]) {
      const error = answer(401, body)
      expect(error.serviceMessage).toBeUndefined()
      expectNoSensitiveData(error, [SENTINEL_SECURITY_CODE, SECRET, JWT, KEY_ID, 'jane.doe'])
    }
  })

  it.each([42, null, { text: 'x' }, ['Authentication Failed'], ''])(
    'drops a message that is not a non-empty string (%j)',
    (message) => {
      expect(answer(401, { response: { rmsg: message } }).serviceMessage).toBeUndefined()
      expect(answer(401, { reason: 'X', message }).serviceMessage).toBeUndefined()
    },
  )
})

describe('a hint per status', () => {
  it.each([
    [403, '/flex/v2/sessions', {}, 'the credentials were recognized but may not make this call'],
    [404, '/flex/v2/sessions', {}, "check the client's origin: it must be the API host"],
    [429, '/flex/v2/sessions', { 'retry-after': '3' }, 'too many requests: retry after 3 s'],
    [429, '/flex/v2/sessions', {}, 'too many requests: slow down and retry later'],
    [
      503,
      '/flex/v2/tokens',
      { 'v-c-correlation-id': 'corr-503-abc' },
      'the service failed: retry later, and quote correlation id corr-503-abc to support',
    ],
  ])('%i on %s', (status, path, headers, hint) => {
    expect(answer(status, '', path, headers).message).toContain(`; ${hint}`)
  })

  it('gives no sessions hint for a 404 of the tokens call', () => {
    expect(answer(404, '', '/flex/v2/tokens').message).toBe(
      'POST /flex/v2/tokens failed with status 404',
    )
  })

  it('tells to create a new session for an expired capture context', () => {
    expect(answer(400, { reason: 'CAPTURE_CONTEXT_EXPIRED' }, '/flex/v2/tokens').message).toBe(
      'POST /flex/v2/tokens failed with status 400 (CAPTURE_CONTEXT_EXPIRED); the capture context has expired: create a new session',
    )
  })
})

import { FLEX_ERROR_CODES, FlexCaptureContextError, FlexError } from 'flex-types'
import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { createFlexHttpError as createAnyHttpError } from './create-flex-http-error.js'
import {
  FLEX_HTTP_REASONS,
  FlexAuthenticationError,
  FlexHttpError,
  FlexRateLimitError,
  FlexRequestError,
  FlexServerError,
} from './errors.js'

const PAN = SENTINEL_CARD_NUMBERS[0] ?? ''

/** The mapping, for the statuses that give an HTTP error (not a capture context error). */
function createFlexHttpError(...args: Parameters<typeof createAnyHttpError>): FlexHttpError {
  const error = createAnyHttpError(...args)
  if (!FlexHttpError.isInstance(error)) throw new Error(`not an HTTP error: ${error.code}`)
  return error
}

/** The `reason` form of docs/protocol.md section 7.1. */
function reasonForm(reason: string, details?: unknown): string {
  return JSON.stringify({
    correlationId: 'corr-body',
    details,
    informationLink: 'https://developer.cybersource.com/errors',
    message: `card ${PAN} security code ${SENTINEL_CARD_NUMBERS[1]} refused`,
    reason,
    extra: { unknown: true },
  })
}

/** The iOS SDK's `responseStatus` form of docs/protocol.md section 7.2. */
function responseStatusForm(status: number, reason: string, details?: unknown): string {
  return JSON.stringify({
    responseStatus: {
      status,
      reason,
      message: `card ${PAN} refused`,
      correlationId: 'corr-body',
      details,
    },
  })
}

const ARRAY_DETAILS = [
  { location: 'captureData.number', message: PAN },
  { location: 'captureData.securityCode', message: SENTINEL_SECURITY_CODE },
]
const OBJECT_DETAILS = { location: 'fields.paymentInformation', message: 'unknown' }

type Row = [
  status: number,
  body: string,
  expectedClass: { isInstance(value: unknown): boolean; new (...args: never[]): FlexHttpError },
  code: string,
  reason: string | undefined,
  locations: string[],
]

const table: Row[] = []
for (const build of [
  (_status: number, reason: string, details?: unknown) => reasonForm(reason, details),
  responseStatusForm,
]) {
  table.push(
    [
      400,
      build(400, 'CREATE_TOKEN_VALIDATION_SERVERSIDE', ARRAY_DETAILS),
      FlexRequestError,
      FLEX_ERROR_CODES.REQUEST_INVALID,
      'CREATE_TOKEN_VALIDATION_SERVERSIDE',
      ['captureData.number', 'captureData.securityCode'],
    ],
    [
      400,
      build(400, 'INVALID_DATA', OBJECT_DETAILS),
      FlexRequestError,
      FLEX_ERROR_CODES.REQUEST_INVALID,
      'INVALID_DATA',
      ['fields.paymentInformation'],
    ],
    [
      401,
      build(401, 'INVALID_APIKEY'),
      FlexAuthenticationError,
      FLEX_ERROR_CODES.AUTHENTICATION,
      'INVALID_APIKEY',
      [],
    ],
    [
      403,
      build(403, 'FORBIDDEN'),
      FlexAuthenticationError,
      FLEX_ERROR_CODES.AUTHENTICATION,
      'FORBIDDEN',
      [],
    ],
    [
      404,
      build(404, 'CREATE_TOKEN_CAPTURE_CONTEXT_NOT_FOUND'),
      FlexRequestError,
      FLEX_ERROR_CODES.REQUEST_INVALID,
      'CREATE_TOKEN_CAPTURE_CONTEXT_NOT_FOUND',
      [],
    ],
    [
      409,
      build(409, 'CONFLICT'),
      FlexRequestError,
      FLEX_ERROR_CODES.REQUEST_INVALID,
      'CONFLICT',
      [],
    ],
    [
      422,
      build(422, 'API_JWE_PARSING_ERROR', ARRAY_DETAILS),
      FlexRequestError,
      FLEX_ERROR_CODES.REQUEST_INVALID,
      'API_JWE_PARSING_ERROR',
      ['captureData.number', 'captureData.securityCode'],
    ],
    [
      429,
      build(429, 'TOO_MANY_REQUESTS'),
      FlexRateLimitError,
      FLEX_ERROR_CODES.RATE_LIMITED,
      'TOO_MANY_REQUESTS',
      [],
    ],
    [500, build(500, 'SERVER_ERROR'), FlexServerError, FLEX_ERROR_CODES.SERVER, 'SERVER_ERROR', []],
    [502, build(502, 'BAD_GATEWAY'), FlexServerError, FLEX_ERROR_CODES.SERVER, 'BAD_GATEWAY', []],
    [
      503,
      build(503, 'SERVICE_UNAVAILABLE'),
      FlexServerError,
      FLEX_ERROR_CODES.SERVER,
      'SERVICE_UNAVAILABLE',
      [],
    ],
    [
      504,
      build(504, 'GATEWAY_TIMEOUT'),
      FlexServerError,
      FLEX_ERROR_CODES.SERVER,
      'GATEWAY_TIMEOUT',
      [],
    ],
    [302, build(302, 'MOVED'), FlexHttpError, FLEX_ERROR_CODES.HTTP, 'MOVED', []],
  )
}

describe('createFlexHttpError', () => {
  it.each(table)('maps status %i', (status, body, expectedClass, code, reason, locations) => {
    const error = createFlexHttpError({
      status,
      headers: new Headers({ 'v-c-correlation-id': 'corr-header' }),
      body,
      method: 'POST',
      path: '/flex/v2/tokens',
    })
    expect(expectedClass.isInstance(error)).toBe(true)
    expect(FlexError.isInstance(error)).toBe(true)
    expect(error).toBeInstanceOf(expectedClass)
    expect(error.constructor).toBe(expectedClass)
    expect(error.code).toBe(code)
    expect(error.status).toBe(status)
    expect(error.reason).toBe(reason)
    expect(error.correlationId).toBe('corr-body')
    expect(error.fieldLocations).toEqual(locations)
    expect(error.message).toContain(`POST /flex/v2/tokens failed with status ${status}`)
    expectNoSensitiveData(error, [SENTINEL_SECURITY_CODE])
  })

  it.each([400, 401, 404, 429, 500, 503, 599])(
    'maps %i with an empty, HTML or non-object body and takes the header correlation id',
    (status) => {
      for (const body of ['', '<html>502 Bad Gateway</html>', '[1,2]', 'null', '"text"']) {
        const error = createFlexHttpError({
          status,
          headers: new Headers({ 'v-c-correlation-id': 'corr-header' }),
          body,
          method: 'POST',
          path: '/flex/v2/sessions',
        })
        expect(error.reason).toBeUndefined()
        expect(error.correlationId).toBe('corr-header')
        expect(error.fieldLocations).toEqual([])
        expect(error.code).toBe(
          status === 401
            ? FLEX_ERROR_CODES.AUTHENTICATION
            : status === 429
              ? FLEX_ERROR_CODES.RATE_LIMITED
              : status >= 500
                ? FLEX_ERROR_CODES.SERVER
                : FLEX_ERROR_CODES.REQUEST_INVALID,
        )
      }
    },
  )

  it('copies only plain identifiers out of a body', () => {
    const error = createFlexHttpError({
      status: 400,
      headers: new Headers(),
      body: JSON.stringify({
        reason: `BAD ${PAN}`,
        correlationId: `x ${PAN}`,
        details: [{ location: `card ${PAN}` }, { location: 'ok.path' }, 'junk', null],
      }),
      method: 'POST',
      path: '/flex/v2/sessions',
    })
    expect(error.reason).toBeUndefined()
    expect(error.correlationId).toBeUndefined()
    expect(error.fieldLocations).toEqual(['ok.path'])
    expectNoSensitiveData(error)
  })

  it.each([
    ['an unknown upper-case code', 'SOME_NEW_REASON'],
    ['a code with digits', 'CREATE_TOKEN_V2_FAILED'],
    ['a one-letter code', 'X'],
    ['a 64-character code', `A${'B'.repeat(63)}`],
  ])('exposes %s as the reason', (_label, reason) => {
    const error = createFlexHttpError({
      status: 400,
      headers: new Headers(),
      body: JSON.stringify({ reason }),
      method: 'POST',
      path: '/flex/v2/sessions',
    })
    expect(error.reason).toBe(reason)
    expect(error.message).toContain(`(${reason})`)
  })

  it.each([
    ['lower case', 'some_new_reason'],
    ['mixed case', 'SomeReason'],
    ['a leading digit', '1_REASON'],
    ['a leading underscore', '_REASON'],
    ['a hyphen', 'SOME-REASON'],
    ['a space', 'SOME REASON'],
    ['65 characters', `A${'B'.repeat(64)}`],
    ['a number', 42],
  ])('drops a reason with %s', (_label, reason) => {
    const error = createFlexHttpError({
      status: 400,
      headers: new Headers(),
      body: JSON.stringify({ responseStatus: { reason } }),
      method: 'POST',
      path: '/flex/v2/sessions',
    })
    expect(error.reason).toBeUndefined()
  })

  it('types reason so known codes autocomplete and unknown ones still fit', () => {
    const known: FlexHttpError['reason'] = FLEX_HTTP_REASONS.CAPTURE_CONTEXT_INVALID
    const unknown: FlexHttpError['reason'] = 'SOME_NEW_REASON'
    expect([known, unknown]).toEqual(['CAPTURE_CONTEXT_INVALID', 'SOME_NEW_REASON'])
  })

  // Each value matches its field's identifier shape, so only the card-like digit-run guard keeps
  // it out of the error.
  it.each(SENTINEL_CARD_NUMBERS.map((pan, index) => [index, pan] as const))(
    'copies no whitelisted field that holds a card-like digit run (sentinel PAN #%i)',
    (_index, pan) => {
      const grouped = (separator: string) => (pan.match(/.{1,4}/g) ?? []).join(separator)
      const body = {
        reason: `R${pan}`,
        correlationId: pan,
        details: [
          { location: `n${pan}` },
          { location: `n${grouped('-')}` },
          { location: `n${grouped('.')}` },
          { location: 'captureData.number' },
        ],
      }
      for (const wrap of [
        (value: object) => value,
        (value: object) => ({ responseStatus: value }),
      ]) {
        const error = createFlexHttpError({
          status: 400,
          headers: new Headers({ 'v-c-correlation-id': pan }),
          body: JSON.stringify(wrap(body)),
          method: 'POST',
          path: '/flex/v2/tokens',
        })
        expect(error.reason).toBeUndefined()
        expect(error.correlationId).toBeUndefined()
        expect(error.fieldLocations).toEqual(['captureData.number'])
        expectNoSensitiveData(error, [pan])
      }
      for (const correlationId of [grouped('-'), grouped('_'), grouped(':')]) {
        const error = createFlexHttpError({
          status: 400,
          headers: new Headers(),
          body: JSON.stringify({ reason: `R_${grouped('_')}`, correlationId }),
          method: 'POST',
          path: '/flex/v2/tokens',
        })
        expect(error.reason).toBeUndefined()
        expect(error.correlationId).toBeUndefined()
        expect(error.message).not.toContain(correlationId)
      }
    },
  )

  it('marks the retryable statuses', () => {
    const retryable = [400, 401, 404, 408, 429, 500, 502, 503, 504].filter(
      (status) =>
        createFlexHttpError({ status, headers: new Headers(), body: '', method: 'POST', path: '/' })
          .isRetryable,
    )
    expect(retryable).toEqual([408, 429, 502, 503, 504])
  })

  it('reads Retry-After as seconds on a rate-limit error', () => {
    const answer = { status: 429, body: '', method: 'POST', path: '/flex/v2/sessions' }
    const seconds = createFlexHttpError({ ...answer, headers: new Headers({ 'retry-after': '7' }) })
    expect(FlexRateLimitError.isInstance(seconds) && seconds.retryAfter).toBe(7)
    const none = createFlexHttpError({ ...answer, headers: new Headers() })
    expect(FlexRateLimitError.isInstance(none) && none.retryAfter).toBeUndefined()
  })
})

describe('retryAfter of a rate-limit error (whole seconds, from the shared Retry-After parser)', () => {
  const now = Date.parse('2026-01-01T00:00:00Z')
  it.each([
    [null, undefined],
    ['0', 0],
    [' 120 ', 120],
    ['Thu, 01 Jan 2026 00:00:30 GMT', 30],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
    ['soon', undefined],
    ['-1', undefined],
  ])('reads %j as %j', (value, expected) => {
    const headers = new Headers(value === null ? {} : { 'retry-after': value })
    const error = createFlexHttpError(
      { status: 429, headers, body: '', method: 'POST', path: '/flex/v2/sessions' },
      now,
    )
    expect(FlexRateLimitError.isInstance(error) && error.retryAfter).toBe(expected)
  })
})

describe('createFlexHttpError for a capture context that can no longer be used (#15.4)', () => {
  it.each([
    [410, 'CAPTURE_CONTEXT_EXPIRED', FLEX_ERROR_CODES.CAPTURE_CONTEXT_EXPIRED],
    [400, 'CAPTURE_CONTEXT_EXPIRED', FLEX_ERROR_CODES.CAPTURE_CONTEXT_EXPIRED],
    [
      400,
      'CREATE_TOKEN_CAPTURE_CONTEXT_USED_TOO_MANY_TIMES',
      FLEX_ERROR_CODES.CAPTURE_CONTEXT_USED_TOO_MANY_TIMES,
    ],
  ])('maps %i %s to the flex-types FlexCaptureContextError', (status, reason, code) => {
    for (const body of [reasonForm(reason), responseStatusForm(status, reason)]) {
      const error = createAnyHttpError({
        status,
        headers: new Headers({ 'v-c-correlation-id': 'corr-header' }),
        body,
        method: 'POST',
        path: '/flex/v2/tokens',
      })
      expect(error).toBeInstanceOf(FlexCaptureContextError)
      expect(FlexCaptureContextError.isInstance(error)).toBe(true)
      expect(FlexHttpError.isInstance(error)).toBe(false)
      expect(error).toMatchObject({
        code,
        status,
        serviceReason: reason,
        correlationId: 'corr-body',
      })
      expect(error.reason).toBe(
        code === FLEX_ERROR_CODES.CAPTURE_CONTEXT_EXPIRED ? 'expired' : 'used-too-many-times',
      )
      expect(error.message).toContain(
        `POST /flex/v2/tokens failed with status ${status} (${reason})`,
      )
      expect(error.message).toContain('create a new session')
      expectNoSensitiveData(error, [SENTINEL_SECURITY_CODE])
    }
  })
})

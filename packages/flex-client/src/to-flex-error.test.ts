import { SENTINEL_CARD_NUMBERS } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { readCauseCode, toFlexError } from './to-flex-error.js'

const PAN = SENTINEL_CARD_NUMBERS[0] ?? ''

function coded(code: unknown, cause?: unknown): Error {
  return Object.assign(new Error('x', cause === undefined ? undefined : { cause }), { code })
}

describe('readCauseCode', () => {
  it.each([
    [
      'undici: fetch failed, then the socket error',
      new TypeError('fetch failed', { cause: coded('ECONNREFUSED') }),
    ],
    [
      'a wrapper without a code, two levels down',
      new TypeError('fetch failed', {
        cause: new Error('wrapped', { cause: coded('ECONNREFUSED') }),
      }),
    ],
    [
      'an AggregateError of the address attempts',
      new TypeError('fetch failed', { cause: new AggregateError([coded('ECONNREFUSED')]) }),
    ],
  ])('finds the code in %s', (_label, error) => {
    expect(readCauseCode(error)).toBe('ECONNREFUSED')
  })

  it.each([
    ['a lower-case code', coded('econnrefused')],
    ['a code with a space', coded('E CONN')],
    ['a number', coded(111)],
    ['a card-like digit run', coded(`E${PAN}`)],
    ['a string thrown', 'ECONNREFUSED'],
    [
      'a chain deeper than six',
      [1, 2, 3, 4, 5, 6].reduce(
        (cause) => new Error('x', { cause }),
        coded('ECONNREFUSED') as Error,
      ),
    ],
  ])('copies nothing from %s', (_label, error) => {
    expect(readCauseCode(error)).toBeUndefined()
  })
})

describe('toFlexError for a fetch that got no answer', () => {
  it('names host, port and cause code in the message and in details', async () => {
    const error = await toFlexError(new TypeError('fetch failed', { cause: coded('ENOTFOUND') }), {
      method: 'POST',
      path: '/flex/v2/sessions',
      timeout: 1000,
      host: 'apitest.example',
      port: 443,
    })
    expect(error).toMatchObject({
      code: 'ERR_FLEX_NETWORK',
      message:
        'POST /flex/v2/sessions got no answer from apitest.example:443: ENOTFOUND (the host name does not resolve)',
      details: { host: 'apitest.example', port: 443, causeCode: 'ENOTFOUND' },
    })
  })

  it('says less, never more, when the runtime gives no code', async () => {
    const error = await toFlexError(new TypeError('Failed to fetch'), {
      method: 'POST',
      path: '/flex/v2/tokens',
      timeout: 1000,
      host: '127.0.0.1',
      port: 4010,
    })
    expect(error.message).toBe('POST /flex/v2/tokens got no answer from 127.0.0.1:4010')
    expect(error).toMatchObject({
      details: { host: '127.0.0.1', port: 4010, causeCode: undefined },
    })
  })
})

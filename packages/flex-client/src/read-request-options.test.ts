import { describe, expect, it } from 'vitest'
import { type FlexRequestOptions, readRequestOptions } from './read-request-options.js'

const ORIGIN = 'https://apitest.cybersource.com'

function refusal(options: unknown): unknown {
  try {
    readRequestOptions(options as FlexRequestOptions, ORIGIN)
  } catch (error) {
    return error
  }
  throw new Error('accepted')
}

describe('readRequestOptions', () => {
  it('builds the URL on the origin and encodes the body once', () => {
    const checked = readRequestOptions(
      { method: 'POST', path: '/pts/v2/payments', body: { a: 1 }, operation: 'authorizePayment' },
      ORIGIN,
    )
    expect(checked.url.href).toBe(`${ORIGIN}/pts/v2/payments`)
    expect(new TextDecoder().decode(checked.body)).toBe('{"a":1}')
    expect(checked).toMatchObject({
      method: 'POST',
      operation: 'authorizePayment',
      signal: undefined,
    })
  })

  it('keeps a plain query and defaults the operation name', () => {
    const checked = readRequestOptions(
      { method: 'GET', path: '/tss/v2/transactions/1?a=b&c=%20' },
      ORIGIN,
    )
    expect(checked.url.href).toBe(`${ORIGIN}/tss/v2/transactions/1?a=b&c=%20`)
    expect(checked).toMatchObject({ operation: 'request', body: undefined })
  })

  it.each([
    ['a scheme and host', 'https://evil.example/pts/v2/payments'],
    ['a protocol-relative host', '//evil.example/pts/v2/payments'],
    ['no leading slash', 'pts/v2/payments'],
    ['a dot-dot segment', '/pts/v2/../../flex/v2/sessions'],
    ['a dot segment', '/pts/./v2'],
    ['an encoded dot-dot segment', '/pts/%2e%2E/v2'],
    ['an encoded slash', '/pts/v2/payments%2F..%2Fx'],
    ['a backslash', '/pts\\v2'],
    ['a fragment', '/pts/v2/payments#x'],
    ['whitespace', '/pts/v2/pay ments'],
    ['a line break', '/pts/v2/payments\r\nx-injected: 1'],
    ['a bare percent', '/pts/v2/100%'],
    ['an empty query', '/pts/v2/payments?'],
    ['a non-ASCII character', '/pts/v2/paymënts'],
    ['an empty string', ''],
  ])('refuses a path with %s', (_name, path) => {
    const error = refusal({ method: 'GET', path })
    expect(error).toMatchObject({ name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE' })
    expect((error as Error).message).toMatch(/^request: path must /)
  })

  it.each([
    ['options', 'not an object', null],
    ['method', 'a lower-case method', { method: 'post', path: '/x' }],
    ['method', 'HEAD', { method: 'HEAD', path: '/x' }],
    ['path', 'a number', { method: 'GET', path: 1 }],
    ['body', 'a body with GET', { method: 'GET', path: '/x', body: {} }],
    ['body', 'a body with DELETE', { method: 'DELETE', path: '/x', body: {} }],
    ['body', 'a BigInt', { method: 'POST', path: '/x', body: { amount: 1n } }],
    ['body', 'a function', { method: 'POST', path: '/x', body: () => 1 }],
    ['signal', 'a plain object', { method: 'GET', path: '/x', signal: { aborted: false } }],
    ['operation', 'a name with spaces', { method: 'GET', path: '/x', operation: 'a b' }],
    ['operation', 'an empty name', { method: 'GET', path: '/x', operation: '' }],
  ])('names %s when given %s', (member, _name, options) => {
    const error = refusal(options)
    expect(error).toMatchObject({ name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE' })
    expect((error as Error).message).toMatch(new RegExp(`^request: ${member} must `))
  })

  it('refuses a cyclic body without looping', () => {
    const body: Record<string, unknown> = {}
    body.self = body
    expect(refusal({ method: 'POST', path: '/x', body })).toMatchObject({
      message: 'request: body must be serializable as JSON',
    })
  })

  it('accepts a body of exactly 64 KiB and refuses one byte more', () => {
    const exact = 'x'.repeat(65_536 - 2)
    expect(
      readRequestOptions({ method: 'PUT', path: '/x', body: exact }, ORIGIN).body?.byteLength,
    ).toBe(65_536)
    expect(refusal({ method: 'PUT', path: '/x', body: `${exact}x` })).toMatchObject({
      message: 'request: body must be at most 65536 bytes as JSON',
    })
  })
})

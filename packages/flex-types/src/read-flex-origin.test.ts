import { describe, expect, it } from 'vitest'
import { readFlexOrigin } from './read-flex-origin.js'

describe('readFlexOrigin', () => {
  it("gives an environment's API origin", () => {
    expect(readFlexOrigin({ environment: 'test' })).toBe('https://apitest.cybersource.com')
    expect(readFlexOrigin({ environment: 'production' })).toBe('https://api.cybersource.com')
  })

  it('gives undefined when neither is given', () => {
    expect(readFlexOrigin({})).toBeUndefined()
  })

  it('accepts https origins anywhere and http only on loopback, normalized', () => {
    expect(readFlexOrigin({ origin: 'https://Example.com:443/' })).toBe('https://example.com')
    for (const origin of ['http://127.0.0.1:4010', 'http://localhost:8080', 'http://[::1]:1']) {
      expect(readFlexOrigin({ origin })).toBe(origin)
    }
  })

  it.each([
    [{ environment: 'test', origin: 'https://example.com' }, 'not both'],
    [{ environment: 'staging' }, "environment must be 'test' or 'production'"],
    [{ origin: 42 }, 'origin must be a string'],
    [{ origin: 'not a url' }, 'absolute URL'],
    [{ origin: 'https://example.com/path' }, 'scheme, host and port only'],
    [{ origin: 'https://user:pw@example.com' }, 'scheme, host and port only'],
    [{ origin: 'https://example.com/?q=1' }, 'scheme, host and port only'],
    [{ origin: 'https://example.com/#h' }, 'scheme, host and port only'],
    [{ origin: 'http://10.0.0.1' }, 'https:'],
    [{ origin: 'ftp://example.com' }, 'https:'],
  ])("refuses %j with a TypeError in the caller's style, never the value", (options, message) => {
    const read = () => readFlexOrigin(options, { prefix: 'createThing: ' })
    expect(read).toThrow(TypeError)
    expect(read).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }))
    expect(read).toThrow(/^createThing: /)
    expect(read).toThrow(message)
    expect(read).toThrow(
      expect.objectContaining({ message: expect.not.stringMatching(/example\.com|10\.0\.0\.1/) }),
    )
  })

  it('can name the options in backticks', () =>
    expect(() => readFlexOrigin({ origin: 'http://10.0.0.1' }, { quote: true })).toThrow(
      /^`origin` must use https:/,
    ))
})

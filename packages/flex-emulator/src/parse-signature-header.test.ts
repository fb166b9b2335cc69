import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseSignatureHeader } from './parse-signature-header.js'

// The parser this one replaced (quadratic on a long run of letters): kept as the oracle of
// behaviour on inputs small enough for it.
function parseWithRegex(value: string): Map<string, string> {
  const parameters = new Map<string, string>()
  for (const match of value.matchAll(/([A-Za-z]+)\s*=\s*"([^"]*)"/g)) {
    const [, name = '', parameter = ''] = match
    parameters.set(name.toLowerCase(), parameter)
  }
  return parameters
}

describe('parseSignatureHeader', () => {
  it('reads the parameters Cybersource documents, in any case and spacing', () => {
    const parsed = parseSignatureHeader(
      'keyid="k-1", Algorithm = "HmacSHA256",headers="host date request-target", signature="YQ=="',
    )
    expect(Object.fromEntries(parsed)).toEqual({
      keyid: 'k-1',
      algorithm: 'HmacSHA256',
      headers: 'host date request-target',
      signature: 'YQ==',
    })
    expect(parseSignatureHeader('keyid="a", keyid="b"').get('keyid')).toBe('b')
    expect(parseSignatureHeader('x-keyid="a"').get('keyid')).toBe('a')
    expect(parseSignatureHeader('keyid="a, b=\\"c"').get('keyid')).toBe('a, b=\\')
    expect(parseSignatureHeader('keyid="a').size).toBe(0)
    expect(parseSignatureHeader('').size).toBe(0)
  })

  it('agrees with the regex it replaced on arbitrary small inputs', () => {
    const alphabet = fc.constantFrom('a', 'K', '=', '"', ',', ' ', '\t', '\u00a0', '-', '1', 'é')
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (characters) => {
        const value = characters.join('')
        expect(parseSignatureHeader(value)).toEqual(parseWithRegex(value))
      }),
      { numRuns: 2_000 },
    )
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (value) => {
        expect(parseSignatureHeader(value)).toEqual(parseWithRegex(value))
      }),
      { numRuns: 500 },
    )
  })

  // The old regex took ~290 ms for 16,000 letters and ~4.9 s for 64,000, growing with the square
  // of the length: 250,000 letters would take it over a minute (so a regression fails here, after
  // that minute, rather than hanging for the ~20 minutes 1 MB would take). The other shapes are
  // 1 MB. The bound is hundreds of times the linear cost (~8 ms for 1 MB).
  it.each([
    ['250,000 letters', 'a'.repeat(250_000)],
    ['1 MB of letters and spaces', 'ab '.repeat(333_333)],
    ['1 MB of names followed by =', 'a='.repeat(500_000)],
    ['1 MB of quotes after each name', 'a="'.repeat(333_333)],
    ['1 MB of names with spaces before =', `${'a '.repeat(499_999)}=`],
    ['1 MB of pairs, the last one unterminated', `${'ab="c",'.repeat(142_857)}z="`],
  ])('reads %s in linear time', (_shape, value) => {
    const started = performance.now()
    parseSignatureHeader(value)
    // ~10 ms here; 10 s leaves room for a busy machine and still fails the old regex (157 s).
    expect(performance.now() - started).toBeLessThan(10_000)
  })
})

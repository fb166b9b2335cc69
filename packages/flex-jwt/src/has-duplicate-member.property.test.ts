import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hasDuplicateMember } from './has-duplicate-member.js'

/** The reference: a recursive walk that sees every member, decoded, of every object. */
function referenceHasDuplicate(json: string): boolean {
  const source = json
  let index = 0
  const skipSpace = () => {
    while (/\s/.test(source.charAt(index))) index += 1
  }
  const readString = (): string => {
    const start = index
    index += 1
    while (source[index] !== '"') index += source[index] === '\\' ? 2 : 1
    index += 1
    return JSON.parse(source.slice(start, index)) as string
  }
  const readValue = (): boolean => {
    skipSpace()
    const char = source[index]
    if (char === '{') {
      index += 1
      const names = new Set<string>()
      let duplicate = false
      skipSpace()
      while (source[index] !== '}') {
        skipSpace()
        const name = readString()
        if (names.has(name)) duplicate = true
        names.add(name)
        skipSpace()
        index += 1
        if (readValue()) duplicate = true
        skipSpace()
        if (source[index] === ',') index += 1
      }
      index += 1
      return duplicate
    }
    if (char === '[') {
      index += 1
      let duplicate = false
      skipSpace()
      while (source[index] !== ']') {
        if (readValue()) duplicate = true
        skipSpace()
        if (source[index] === ',') index += 1
      }
      index += 1
      return duplicate
    }
    if (char === '"') {
      readString()
      return false
    }
    while (index < source.length && !/[,\]}\s]/.test(source.charAt(index))) index += 1
    return false
  }
  return readValue()
}

describe('hasDuplicateMember properties', () => {
  it('agrees with a recursive reference on any JSON text, with or without a repeated member', () => {
    // Raw spellings, escapes included, mixed with any string written by JSON.stringify.
    const raw = fc.constantFrom('"a"', '"b"', '"\\u0061"', '"\\""', '"\\u0022"', '"\\\\"', '","')
    const name = fc.oneof(
      raw,
      fc.string().map((key) => JSON.stringify(key)),
    )
    const leaf = fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null))
    const text = fc.letrec<{ value: string }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        leaf.map((value) => JSON.stringify(value)),
        fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
        fc
          .array(fc.tuple(name, tie('value')), { maxLength: 5 })
          .map((members) => `{${members.map(([key, value]) => `${key}:${value}`).join(',')}}`),
      ),
    })).value
    const verdicts = { true: 0, false: 0 }
    fc.assert(
      fc.property(text, (json) => {
        JSON.parse(json)
        const expected = referenceHasDuplicate(json)
        verdicts[`${expected}`] += 1
        expect(hasDuplicateMember(json)).toBe(expected)
      }),
      { numRuns: 2_000 },
    )
    // Both verdicts were really exercised, each many times.
    expect(verdicts.true).toBeGreaterThan(100)
    expect(verdicts.false).toBeGreaterThan(100)
  })
})

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

describe('hasDuplicateMember', () => {
  it.each([
    ['{"a":1,"a":2}', true],
    ['{"a":1,"\\u0061":2}', true],
    ['{"\\"":1,"\\u0022":2}', true],
    ['{"a":{"b":1,"b":2}}', true],
    ['{"a":[{"b":1},{"c":1,"c":2}]}', true],
    [' { "a" : 1 , "a" : 2 } ', true],
    ['{"a":{"a":1},"b":{"a":1}}', false],
    ['{"a":"a","b":"a"}', false],
    ['{"a":["a","a"]}', false],
    ['{"a\\\\":1,"a":2}', false],
    ['{"a,\\"b":1,"b":2}', false],
    ['[{"a":1},{"a":1}]', false],
    ['{}', false],
    ['"a"', false],
    ['{"a":1}', false],
  ])('%s → %s', (json, expected) => {
    JSON.parse(json)
    expect(hasDuplicateMember(json)).toBe(expected)
  })

  it('handles 200,000 members and 100,000 levels of nesting (a loop, no recursion)', () => {
    const wide = `{${Array.from({ length: 200_000 }, (_, index) => `"k${index}":${index}`).join(',')}}`
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    expect(hasDuplicateMember(wide)).toBe(false)
    expect(hasDuplicateMember(`${wide.slice(0, -1)},"k7":0}`)).toBe(true)
    expect(hasDuplicateMember(deep)).toBe(false)
  })

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
    fc.assert(
      fc.property(text, (json) => {
        JSON.parse(json)
        expect(hasDuplicateMember(json)).toBe(referenceHasDuplicate(json))
      }),
      { numRuns: 2_000 },
    )
  })
})

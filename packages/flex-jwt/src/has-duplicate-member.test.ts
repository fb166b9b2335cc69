import { describe, expect, it } from 'vitest'
import { hasDuplicateMember } from './has-duplicate-member.js'

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

  it.each([
    ['{"a":1,"a":2}', true],
    ['{"__proto__":1,"__proto__":2}', true],
    ['{"__proto__":{"a":1},"a":{"a":1}}', false],
    ['{"a":[{"b":1,"c":[{"d":1,"\\u0064":2}]}]}', true],
    ['[[{"a":1}],[{"a":1}]]', false],
  ])('given the parsed value too, %s → %s', (json, expected) => {
    expect(hasDuplicateMember(json, JSON.parse(json))).toBe(expected)
  })
})

import { describe, expect, it } from 'vitest'
import { isCompactJwe, isCompactJws, MAX_COMPACT_TOKEN_LENGTH } from './is-compact-jws.js'

describe('isCompactJws', () => {
  it('accepts three non-empty base64url parts', () => {
    expect(isCompactJws('eyJh.eyJi.c2ln')).toBe(true)
    expect(isCompactJws('a-_.B.0')).toBe(true)
  })

  it.each([
    ['an empty signature (alg none)', 'eyJh.eyJi.'],
    ['an empty payload', 'eyJh..c2ln'],
    ['an empty header', '.eyJi.c2ln'],
    ['two parts', 'eyJh.eyJi'],
    ['four parts', 'a.b.c.d'],
    ['a JWE', 'a.b.c.d.e'],
    ['padding', 'eyJh.eyJi.c2ln='],
    ['standard base64 characters', 'ey+h.ey/i.c2ln'],
    ['whitespace', 'eyJh.eyJi.c2ln\n'],
    ['the empty string', ''],
    ['a number', 42],
    ['a String object', new String('a.b.c')],
    ['null', null],
  ])('refuses %s', (_title, value) => {
    expect(isCompactJws(value)).toBe(false)
  })

  it('accepts exactly MAX_COMPACT_TOKEN_LENGTH characters and refuses one more', () => {
    const at = (length: number) => `a.b.${'c'.repeat(length - 4)}`
    expect(at(MAX_COMPACT_TOKEN_LENGTH)).toHaveLength(65_536)
    expect(isCompactJws(at(MAX_COMPACT_TOKEN_LENGTH))).toBe(true)
    expect(isCompactJws(at(MAX_COMPACT_TOKEN_LENGTH + 1))).toBe(false)
  })
})

describe('isCompactJwe', () => {
  it('accepts five parts, the encrypted key alone possibly empty', () => {
    expect(isCompactJwe('h.k.iv.ct.tag')).toBe(true)
    expect(isCompactJwe('h..iv.ct.tag')).toBe(true)
  })

  it.each([
    ['an empty header', '.k.iv.ct.tag'],
    ['an empty iv', 'h.k..ct.tag'],
    ['an empty ciphertext', 'h.k.iv..tag'],
    ['an empty tag', 'h.k.iv.ct.'],
    ['a JWS', 'a.b.c'],
    ['six parts', 'a.b.c.d.e.f'],
    ['padding', 'h.k.iv.ct.tag='],
    ['not a string', ['h', 'k', 'iv', 'ct', 'tag']],
  ])('refuses %s', (_title, value) => {
    expect(isCompactJwe(value)).toBe(false)
  })

  it('refuses more than MAX_COMPACT_TOKEN_LENGTH characters', () => {
    const at = (length: number) => `h.k.iv.ct.${'t'.repeat(length - 10)}`
    expect(isCompactJwe(at(MAX_COMPACT_TOKEN_LENGTH))).toBe(true)
    expect(isCompactJwe(at(MAX_COMPACT_TOKEN_LENGTH + 1))).toBe(false)
  })
})

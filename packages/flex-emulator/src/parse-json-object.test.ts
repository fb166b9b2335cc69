import { describe, expect, it } from 'vitest'
import { parseJsonObject } from './parse-json-object.js'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('parseJsonObject', () => {
  it('returns the object of a JSON object', () => {
    expect(parseJsonObject(bytes('{"a":{"b":[1]}}'))).toEqual({ a: { b: [1] } })
  })

  it('says json for text that is not JSON or not UTF-8', () => {
    expect(parseJsonObject(bytes('{'))).toBe('json')
    expect(parseJsonObject(new Uint8Array([0x7b, 0xff, 0x7d]))).toBe('json')
  })

  it('says not-object for any other top-level value', () => {
    for (const text of ['[]', 'null', '1', '"x"', 'true']) {
      expect(parseJsonObject(bytes(text))).toBe('not-object')
    }
  })
})

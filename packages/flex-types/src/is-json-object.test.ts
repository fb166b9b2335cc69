import { expect, it } from 'vitest'
import { isJsonObject } from './is-json-object.js'

it('accepts JSON objects only', () => {
  expect(isJsonObject(JSON.parse('{"a":1}'))).toBe(true)
  expect(isJsonObject(Object.create(null))).toBe(true)
  for (const value of [null, undefined, [], [1], 'x', 1, true]) {
    expect(isJsonObject(value)).toBe(false)
  }
})

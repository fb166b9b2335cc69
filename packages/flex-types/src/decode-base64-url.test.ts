import { describe, expect, it } from 'vitest'
import { decodeBase64Url } from './decode-base64-url.js'

describe('decodeBase64Url', () => {
  it('decodes unpadded base64url and refuses anything else', () => {
    expect(decodeBase64Url('AQAB')).toEqual(new Uint8Array([1, 0, 1]))
    expect(decodeBase64Url('-_8')).toEqual(new Uint8Array([251, 255]))
    expect(decodeBase64Url('')).toEqual(new Uint8Array([]))
    for (const bad of ['AQAB=', 'a+b/', 'A', 'ä']) expect(decodeBase64Url(bad)).toBeUndefined()
  })
})

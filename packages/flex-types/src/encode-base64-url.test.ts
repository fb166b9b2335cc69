import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase64Url } from './decode-base64-url.js'
import { encodeBase64Url } from './encode-base64-url.js'

describe('encodeBase64Url', () => {
  it('encodes bytes and UTF-8 strings without padding', () => {
    expect(encodeBase64Url(new Uint8Array([1, 0, 1]))).toBe('AQAB')
    expect(encodeBase64Url(new Uint8Array([251, 255]))).toBe('-_8')
    expect(encodeBase64Url('')).toBe('')
    expect(encodeBase64Url('é')).toBe('w6k')
  })

  it('agrees with Node and round-trips through decodeBase64Url (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
        const encoded = encodeBase64Url(bytes)
        expect(encoded).toBe(Buffer.from(bytes).toString('base64url'))
        expect(decodeBase64Url(encoded)).toEqual(bytes)
      }),
      { numRuns: 60 },
    )
  })
})

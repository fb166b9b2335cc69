import { describe, expect, it } from 'vitest'
import { isLoopbackHostname } from './is-loopback-hostname.js'

describe('isLoopbackHostname', () => {
  it.each([
    'http://localhost:4010',
    'http://127.0.0.1:4010',
    'http://127.1.2.3',
    'http://[::1]:8080',
    'http://0x7f000001',
  ])('accepts the hostname of %s', (url) => {
    expect(isLoopbackHostname(new URL(url).hostname)).toBe(true)
  })

  it.each([
    'https://apitest.cybersource.com',
    'http://localhost.evil.example',
    'http://127.0.0.1.evil.example',
    'http://128.0.0.1',
    'http://[::2]',
    'http://0.0.0.0',
  ])('refuses the hostname of %s', (url) => {
    expect(isLoopbackHostname(new URL(url).hostname)).toBe(false)
  })

  it('refuses what is not a string', () => {
    expect(isLoopbackHostname(undefined as never)).toBe(false)
  })
})

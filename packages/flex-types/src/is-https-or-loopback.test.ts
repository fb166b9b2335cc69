import { expect, it } from 'vitest'
import { isHttpsOrLoopback } from './is-https-or-loopback.js'

it('allows https anywhere and http on loopback hosts only', () => {
  for (const url of [
    'https://example.com',
    'http://127.0.0.1:4010',
    'http://localhost',
    'http://[::1]',
  ]) {
    expect(isHttpsOrLoopback(new URL(url))).toBe(true)
  }
  for (const url of ['http://example.com', 'http://10.0.0.1', 'ftp://127.0.0.1', 'file:///etc/x']) {
    expect(isHttpsOrLoopback(new URL(url))).toBe(false)
  }
})

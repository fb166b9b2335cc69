import { isLoopbackHostname } from './is-loopback-hostname.js'

/**
 * The one scheme rule for every origin the SDK talks to: `https:`, or `http:` on a loopback host
 * (the emulator, a local stub).
 *
 * @example
 * ```ts
 * isHttpsOrLoopback(new URL('http://127.0.0.1:4010')) // true
 * isHttpsOrLoopback(new URL('http://example.com')) // false
 * ```
 */
export function isHttpsOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHostname(url.hostname))
}

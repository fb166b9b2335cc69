// URL.hostname writes IPv4 in dotted-quad form and IPv6 in brackets, so these spellings suffice.
const LOOPBACK_HOSTNAME = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/

/**
 * Tells whether a `URL.hostname` names this machine (`localhost`, `127.0.0.0/8`, `[::1]`): the
 * only hosts that the SDK lets an `http:` origin (the local emulator) use.
 *
 * @example
 * ```ts
 * isLoopbackHostname(new URL('http://127.0.0.1:4010').hostname) // true
 * isLoopbackHostname('apitest.cybersource.com') // false
 * ```
 */
export function isLoopbackHostname(hostname: string): boolean {
  return typeof hostname === 'string' && LOOPBACK_HOSTNAME.test(hostname)
}

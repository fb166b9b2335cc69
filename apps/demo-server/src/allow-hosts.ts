import type { MiddlewareHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const

// Only the characters of a name or address and a port: nothing that URL parsing would drop.
const HOST_SHAPE = /^[A-Za-z0-9.\-[\]:]{1,300}$/

function normalizeHost(host: string): string | undefined {
  if (!HOST_SHAPE.test(host)) return undefined
  try {
    return new URL(`http://${host}`).host
  } catch {
    return undefined
  }
}

/**
 * The hosts the demo answers to: the loopback names with its port, and the host of its public URL
 * (with and without its scheme's default port, as proxies send either).
 *
 * @example
 * ```ts
 * demoHosts(3000, 'https://demo.example.com')
 * // ['127.0.0.1:3000', 'localhost:3000', '[::1]:3000', 'demo.example.com', 'demo.example.com:443']
 * ```
 */
export function demoHosts(port: number, publicUrl?: string): string[] {
  const hosts: string[] = LOOPBACK_NAMES.map((name) => `${name}:${port}`)
  if (publicUrl !== undefined) {
    const url = new URL(publicUrl)
    hosts.push(url.host)
    if (url.port === '') hosts.push(`${url.hostname}:${url.protocol === 'https:' ? 443 : 80}`)
  }
  return hosts
}

/**
 * Refuses with 421 (Misdirected Request) every request whose Host header or URL names a host not
 * in `hosts`, before any route runs. The same-origin check of a form post compares the `Origin`
 * with this host: without the allow-list, a DNS-rebound name passes it.
 *
 * @example
 * ```ts
 * app.use(allowHosts(demoHosts(3000)))
 * ```
 */
export function allowHosts(hosts: readonly string[]): MiddlewareHandler {
  const allowed = new Set(hosts.map((host) => normalizeHost(host) ?? host))
  return async (c, next) => {
    const header = c.req.header('host')
    const names = [new URL(c.req.url).host, ...(header === undefined ? [] : [header])]
    if (!names.every((name) => allowed.has(normalizeHost(name) ?? ''))) {
      throw new HTTPException(421, {
        message: 'This address is not one the demo answers on: open it at its own URL.',
      })
    }
    await next()
  }
}

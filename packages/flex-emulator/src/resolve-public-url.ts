import { isLoopbackHostname } from 'flex-types/internal'

const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::', '[::]', '::0', '0:0:0:0:0:0:0:0'])
// A Host header as a loopback client sends it: a name or address, an optional port.
const HOST_HEADER = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

/** The URL the emulator announces, and a warning when clients elsewhere cannot use it. */
export interface PublicUrl {
  url: string
  warning?: string
}

/**
 * The emulator's announced URL (`url`, and `flx.origin` by default): `publicUrl` when given;
 * else the bound host when it is a loopback one; else `127.0.0.1` (a wildcard bind is reachable
 * there) or the bound address, with a warning that says what to do.
 *
 * @example
 * ```ts
 * resolvePublicUrl({ host: '0.0.0.0', port: 4010, tls: false }).url // 'http://127.0.0.1:4010'
 * ```
 */
export function resolvePublicUrl(input: {
  host: string
  port: number
  tls: boolean
  publicUrl?: string | undefined
}): PublicUrl {
  if (input.publicUrl !== undefined) {
    const { protocol, hostname } = new URL(input.publicUrl)
    if (protocol === 'https:' || isLoopbackHostname(hostname)) return { url: input.publicUrl }
    return {
      url: input.publicUrl,
      warning:
        `flex-emulator: publicUrl ${input.publicUrl} is http: on a non-loopback host, which ` +
        'clients refuse as a capture context origin. Serve it over https: (tls: true, CLI: --tls, ' +
        'with the certificate trusted; or a TLS proxy) and set publicUrl to the https: origin.',
    }
  }
  const scheme = input.tls ? 'https' : 'http'
  const urlHost =
    input.host.includes(':') && !input.host.startsWith('[') ? `[${input.host}]` : input.host
  const bound = `${scheme}://${urlHost}:${input.port}`
  if (isLoopbackHostname(new URL(bound).hostname)) return { url: bound }
  const wildcard = WILDCARD_ADDRESSES.has(input.host)
  const url = wildcard ? `${scheme}://127.0.0.1:${input.port}` : bound
  return {
    url,
    warning:
      `flex-emulator: bound to a non-loopback address; capture contexts name ${url} as their ` +
      'origin, which clients on other machines cannot use (and refuse over http:). Set publicUrl ' +
      '(CLI: --public-url) to the origin those clients reach the emulator at.',
  }
}

/**
 * The `flx.origin` for one request: `publicUrl` when set; else the loopback origin the client
 * used (its Host header, such as `localhost:4010`), so a client configured with that origin gets
 * its own origin back; else the announced URL.
 */
export function createOriginResolver(input: {
  url: string
  tls: boolean
  publicUrl: string | undefined
}): (host: string | undefined) => string {
  if (input.publicUrl !== undefined) {
    const { publicUrl } = input
    return () => publicUrl
  }
  const scheme = input.tls ? 'https' : 'http'
  return (host) => {
    if (host === undefined || !HOST_HEADER.test(host)) return input.url
    try {
      const url = new URL(`${scheme}://${host}`)
      return isLoopbackHostname(url.hostname) ? url.origin : input.url
    } catch {
      return input.url
    }
  }
}

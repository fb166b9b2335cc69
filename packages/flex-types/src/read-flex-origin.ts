import { FLEX_ENVIRONMENTS, isFlexEnvironment } from './flex-environments.js'
import { isHttpsOrLoopback } from './is-https-or-loopback.js'
import { toUsageError } from './usage-error.js'

/** Where a client talks to Cybersource: an environment's API origin, or an explicit origin. */
export interface FlexOriginOptions {
  /** `'test'` or `'production'`: that environment's API origin. */
  environment?: unknown
  /** An explicit origin such as the emulator's; `http:` only for a loopback host. */
  origin?: unknown
}

/** How the caller's TypeError messages read: a `prefix` such as `'createThing: '`, and option
 * names in backticks or not. */
export interface FlexOriginMessageStyle {
  prefix?: string
  quote?: boolean
}

/**
 * Reads the `environment` / `origin` pair every client option object carries: the API origin to
 * use, or `undefined` when neither is given (the caller decides whether that is allowed). An
 * explicit origin must be scheme, host and optional port only, over https: unless its host is a
 * loopback address. Messages follow the caller's `style` and never repeat the value.
 *
 * @throws TypeError (`ERR_INVALID_ARG_VALUE`) when both are given, the environment is unknown or the origin is not allowed.
 * @example
 * ```ts
 * readFlexOrigin({ environment: 'test' }) // 'https://apitest.cybersource.com'
 * readFlexOrigin({ origin: 'http://127.0.0.1:4010' }, { prefix: 'createThing: ' }) // 'http://127.0.0.1:4010'
 * ```
 */
export function readFlexOrigin(
  options: FlexOriginOptions,
  style: FlexOriginMessageStyle = {},
): string | undefined {
  const { environment, origin } = options
  const prefix = style.prefix ?? ''
  const [env, org] = style.quote ? ['`environment`', '`origin`'] : ['environment', 'origin']
  if (environment !== undefined && origin !== undefined) {
    throw toUsageError(`${prefix}pass ${env} or ${org}, not both`)
  }
  if (environment !== undefined) {
    if (!isFlexEnvironment(environment)) {
      throw toUsageError(`${prefix}${env} must be 'test' or 'production'`)
    }
    return FLEX_ENVIRONMENTS[environment].apiOrigin
  }
  if (origin === undefined) return undefined
  if (typeof origin !== 'string') throw toUsageError(`${prefix}${org} must be a string`)
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    throw toUsageError(`${prefix}${org} must be an absolute URL`)
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw toUsageError(`${prefix}${org} must be scheme, host and port only`)
  }
  if (!isHttpsOrLoopback(url)) {
    throw toUsageError(`${prefix}${org} must use https: (http: only on loopback)`)
  }
  return url.origin
}

import type { ErrorDetail } from './error-body.js'

/** How many target origins a route takes and whether `http://localhost` is one of them. */
export interface TargetOriginRules {
  max: number
  allowHttpLocalhost: boolean
}

function checkOrigin(value: unknown, index: number, rules: TargetOriginRules): string | undefined {
  const name = `Target Origin[${index}]`
  if (typeof value !== 'string') return `${name} must be a string`
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `${name} must be an origin: scheme, host and optional port`
  }
  if (url.hostname.includes('*')) return `${name} cannot use a wildcard`
  if (url.origin !== value) return `${name} must be an origin: scheme, host and optional port`
  if (url.protocol === 'https:') return undefined
  if (url.protocol === 'http:' && rules.allowHttpLocalhost) {
    return url.hostname === 'localhost'
      ? undefined
      : `${name} cannot use http protocol unless the host is localhost`
  }
  return `${name} must use https protocol`
}

/**
 * The problems of a `targetOrigins` list, worded as the service words them
 * (`Target Origin[0] cannot use http protocol unless the host is localhost`): an index, never the
 * value.
 */
export function checkTargetOrigins(value: unknown, rules: TargetOriginRules): ErrorDetail[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > rules.max) {
    return [{ location: 'targetOrigins', message: `must be a list of 1 to ${rules.max} origins` }]
  }
  const problems = value.map((origin, index) => checkOrigin(origin, index, rules))
  if (new Set(value).size !== value.length) problems.push('Target Origins must not repeat')
  return problems.flatMap((message) =>
    message === undefined ? [] : [{ location: 'targetOrigin', message }],
  )
}

/** The problems of an optional list of names taken from `allowed` (`allowedCardNetworks`…). */
export function checkNameList(
  value: unknown,
  location: string,
  allowed: readonly string[],
): ErrorDetail[] {
  if (value === undefined) return []
  if (!Array.isArray(value) || value.length === 0) {
    return [{ location, message: 'must be a non-empty list' }]
  }
  return value.flatMap((name, index) =>
    typeof name === 'string' && allowed.includes(name) && value.indexOf(name) === index
      ? []
      : [{ location: `${location}[${index}]`, message: 'is not a supported value or repeats one' }],
  )
}

/** The card networks the service lists for Microform and Unified Checkout. */
export const CARD_NETWORKS = [
  'VISA',
  'MASTERCARD',
  'AMEX',
  'CARNET',
  'CARTESBANCAIRES',
  'CUP',
  'DINERSCLUB',
  'DISCOVER',
  'EFTPOS',
  'ELO',
  'JAYWAN',
  'JCB',
  'JCREW',
  'KCP',
  'MADA',
  'MAESTRO',
  'MEEZA',
  'PAYPAK',
  'UATP',
] as const

import { FLEX_ERROR_CODES, FlexError } from 'flex-types'

const ORIGIN_NOT_ALLOWED_MARKER = 'flex.error.origin-not-allowed'
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/

/** What was wrong with the tokens URL: not a URL, user info in it, or an origin off the list. */
export type FlexOriginProblem = 'not-a-url' | 'user-info' | 'not-allowed'

function hostnameOf(origin: string): string {
  try {
    return new URL(origin).hostname
  } catch {
    return ''
  }
}

function describe(origin: string, allowed: readonly string[], problem: FlexOriginProblem): string {
  const [clientOrigin = '', ...others] = allowed
  const created = `this client was created with origin ${clientOrigin}${
    others.length > 0 ? ` (and also accepts ${others.join(', ')})` : ''
  }`
  if (problem === 'not-a-url') {
    return `the capture context's tokens URL is not a URL, so nothing was sent; ${created}`
  }
  if (problem === 'user-info') {
    return `the capture context's tokens URL on ${origin} carries a user name or password, so nothing was sent`
  }
  const both = [origin, clientOrigin].map(hostnameOf)
  const hint = both.every((host) => LOOPBACK.test(host))
    ? `; ${both[0]} and ${both[1]} are different origins: give the client the origin the emulator advertises (its publicUrl), or start the emulator with this one`
    : '; create the capture context with this client, or create the client with the origin the capture context names'
  return `the capture context's tokens URL is on ${origin}, but ${created}${hint}`
}

/**
 * The capture context's `tokensUrl` points at an origin this client does not trust
 * (`ERR_FLEX_ORIGIN_NOT_ALLOWED`); no request was made. The message names the refused origin and
 * the one the client was created with (origins only, never a path or a query).
 *
 * @example
 * ```ts
 * if (FlexOriginNotAllowedError.isInstance(error)) console.error(error.origin, error.allowedOrigins)
 * ```
 */
export class FlexOriginNotAllowedError extends FlexError {
  override readonly name: string = 'FlexOriginNotAllowedError'
  /** The refused origin (scheme, host and port only; `null` when the URL could not be parsed). */
  readonly origin: string
  /** The origins this client accepts, its own (the one it was created with) first. */
  readonly allowedOrigins: readonly string[]
  /** Why the tokens URL was refused. */
  readonly problem: FlexOriginProblem

  constructor(details: {
    origin: string
    allowedOrigins: readonly string[]
    problem: FlexOriginProblem
  }) {
    const allowedOrigins = Object.freeze([...details.allowedOrigins])
    super(
      FLEX_ERROR_CODES.ORIGIN_NOT_ALLOWED,
      describe(details.origin, allowedOrigins, details.problem),
    )
    this.origin = details.origin
    this.allowedOrigins = allowedOrigins
    this.problem = details.problem
    FlexError.mark(this, ORIGIN_NOT_ALLOWED_MARKER)
  }

  static override isInstance(value: unknown): value is FlexOriginNotAllowedError {
    return FlexError.hasMarker(value, ORIGIN_NOT_ALLOWED_MARKER)
  }
}

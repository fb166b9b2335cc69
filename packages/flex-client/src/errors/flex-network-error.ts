import { FLEX_ERROR_CODES, FlexError, type FlexErrorOptions } from 'flex-types'

const NETWORK_MARKER = 'flex.error.network'

/** Where a request got no answer from, and why, as far as the runtime said. */
export interface FlexNetworkErrorDetails {
  /** The host the client tried, as configured (e.g. `127.0.0.1`, `apitest.cybersource.com`). */
  readonly host?: string | undefined
  /** The port the client tried (443 or 80 when the origin names none). */
  readonly port?: number | undefined
  /**
   * The runtime's upper-case failure code found in the error's cause chain, e.g. `ECONNREFUSED`,
   * `ENOTFOUND`, `ECONNRESET`, `ETIMEDOUT`, `DEPTH_ZERO_SELF_SIGNED_CERT`,
   * `UNABLE_TO_VERIFY_LEAF_SIGNATURE`, `CERT_HAS_EXPIRED`, `ERR_TLS_CERT_ALTNAME_INVALID`.
   */
  readonly causeCode?: string | undefined
}

const EXPLANATIONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused: nothing listens there',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved for now',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection closed before the answer',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the host is unreachable',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the TLS certificate is self-signed, so it is not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'the TLS certificate chain ends in an untrusted self-signed root',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the TLS certificate is not signed by a trusted authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the TLS certificate is not signed by a trusted authority',
  CERT_HAS_EXPIRED: 'the TLS certificate has expired',
  CERT_NOT_YET_VALID: 'the TLS certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the TLS certificate does not name this host',
}

function describe(method: string, path: string, details: FlexNetworkErrorDetails): string {
  const where =
    details.host === undefined
      ? ''
      : ` from ${details.host}${details.port === undefined ? '' : `:${details.port}`}`
  const code = details.causeCode
  const why =
    code === undefined ? '' : `: ${code}${EXPLANATIONS[code] ? ` (${EXPLANATIONS[code]})` : ''}`
  return `${method} ${path} got no answer${where}${why}`
}

/**
 * The request got no answer (`ERR_FLEX_NETWORK`): DNS failure, connection refused or reset, an
 * untrusted TLS certificate. The message and `details` name the host, the port and the runtime's
 * failure code (`ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`…) when the runtime gave one.
 *
 * @example
 * ```ts
 * if (FlexNetworkError.isInstance(error)) console.error(error.details.host, error.details.causeCode)
 * ```
 */
export class FlexNetworkError extends FlexError {
  override readonly name: string = 'FlexNetworkError'
  readonly method: string
  readonly path: string
  readonly details: FlexNetworkErrorDetails

  constructor(
    request: { method: string; path: string } & FlexNetworkErrorDetails,
    options: FlexErrorOptions = {},
  ) {
    const { method, path, host, port, causeCode } = request
    const details = Object.freeze({ host, port, causeCode })
    super(FLEX_ERROR_CODES.NETWORK, describe(method, path, details), options)
    this.method = method
    this.path = path
    this.details = details
    FlexError.mark(this, NETWORK_MARKER)
  }

  static override isInstance(value: unknown): value is FlexNetworkError {
    return FlexError.hasMarker(value, NETWORK_MARKER)
  }
}

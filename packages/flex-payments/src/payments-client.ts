/** One authenticated call to a Cybersource REST path, as flex-client's `client.request` takes it. */
export interface FlexRequestOptions {
  method: 'GET' | 'POST'
  /** The path and nothing else, e.g. `/pts/v2/payments`. */
  path: string
  /** Sent as JSON. */
  body?: unknown
  signal?: AbortSignal
  /** A name for hooks and errors, e.g. `authorizePayment`. */
  operation?: string
}

/** A 2xx answer: the parsed JSON body and the correlation id for support tickets. */
export interface FlexApiResponse {
  status: number
  body: unknown
  correlationId: string | undefined
}

/**
 * What flex-payments needs from a client: flex-client's authenticated request primitive. It
 * resolves for 2xx with the parsed JSON body, throws flex-client's typed errors for any other
 * status, and never retries a POST unless no connection was made.
 */
export interface PaymentsClient {
  /** The API origin, e.g. `https://apitest.cybersource.com`. */
  readonly origin: string
  /** Sends one authenticated call and resolves a 2xx answer with its parsed JSON body. */
  request(options: FlexRequestOptions): Promise<FlexApiResponse>
}

import type { FlexClient } from 'flex-client'

export type { FlexApiResponse, FlexRequestOptions } from 'flex-client'

/**
 * What flex-payments needs from a client: flex-client's `origin` and its authenticated request
 * primitive, which resolves for 2xx with the parsed JSON body, throws flex-client's typed errors
 * for any other status, and never retries a POST unless no connection was made. Pass the
 * `FlexClient` from `createFlexClient`.
 */
export type PaymentsClient = Pick<FlexClient, 'origin' | 'request'>

import type { ErrorDetail } from './error-body.js'
import { CARD_NETWORKS, checkNameList, checkTargetOrigins } from './read-target-origins.js'

const MEMBERS = new Set([
  'clientVersion',
  'targetOrigins',
  'allowedCardNetworks',
  'allowedPaymentTypes',
  'transientTokenResponseOptions',
])

/** A valid `POST /microform/v2/sessions` body, as the capture context needs it. */
export interface MicroformSessionRequest {
  targetOrigins: string[]
  allowedCardNetworks?: string[]
}

function checkOptions(value: unknown): ErrorDetail[] {
  if (value === undefined) return []
  const ok =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.entries(value).every(
      ([key, flag]) => key === 'includeCardPrefix' && typeof flag === 'boolean',
    )
  return ok
    ? []
    : [{ location: 'transientTokenResponseOptions', message: 'may only hold includeCardPrefix' }]
}

/**
 * Checks a Microform v2 session request: `targetOrigins` (1–9, https or `http://localhost`),
 * `allowedCardNetworks` and `allowedPaymentTypes` (`CARD`, `CHECK`) from the documented lists,
 * `clientVersion` a short version string, `transientTokenResponseOptions.includeCardPrefix`.
 */
export function readMicroformSessionRequest(
  body: Record<string, unknown>,
): MicroformSessionRequest | { details: ErrorDetail[] } {
  const { clientVersion, targetOrigins, allowedCardNetworks } = body
  // An unknown member is not named: its name is the caller's text and could be card data.
  const details: ErrorDetail[] = [
    ...(Object.keys(body).every((key) => MEMBERS.has(key))
      ? []
      : [{ location: 'body', message: 'has a member this route does not take' }]),
    ...(clientVersion === undefined ||
    (typeof clientVersion === 'string' && /^v?\d{1,3}(\.\d{1,3}){0,2}$/.test(clientVersion))
      ? []
      : [{ location: 'clientVersion', message: 'must be a version such as v2.0' }]),
    ...checkTargetOrigins(targetOrigins, { max: 9, allowHttpLocalhost: true }),
    ...checkNameList(allowedCardNetworks, 'allowedCardNetworks', CARD_NETWORKS),
    ...checkNameList(body.allowedPaymentTypes, 'allowedPaymentTypes', ['CARD', 'CHECK']),
    ...checkOptions(body.transientTokenResponseOptions),
  ]
  if (details.length > 0) return { details }
  return {
    targetOrigins: targetOrigins as string[],
    ...(allowedCardNetworks === undefined
      ? {}
      : { allowedCardNetworks: allowedCardNetworks as string[] }),
  }
}

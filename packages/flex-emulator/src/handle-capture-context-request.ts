import type { FlexFieldPath } from 'flex-types'
import type { EmulatorState } from './emulator-state.js'
import { rememberCaptureContext } from './emulator-state.js'
import { type Refusal, refuseAuthentication, refuseValidation } from './error-body.js'
import { issueCaptureContext } from './issue-capture-context.js'
import type { MicroformAssets } from './microform-assets.js'
import { type CheckoutRoute, readCheckoutSessionRequest } from './read-checkout-session-request.js'
import { readJsonRequestBody } from './read-json-request-body.js'
import { readMicroformSessionRequest } from './read-microform-session-request.js'
import {
  type AuthenticatedRequest,
  authenticateMerchant,
} from './verify-merchant-authentication.js'

/** The capture-context routes besides `/flex/v2/sessions`. */
export type CaptureContextRoute = '/microform/v2/sessions' | CheckoutRoute

// What the card fields post to /flex/v2/tokens, checked there as for any capture context.
const CARD_REQUIRED: FlexFieldPath[] = ['paymentInformation.card.number']
const CARD_OPTIONAL: FlexFieldPath[] = [
  'paymentInformation.card.securityCode',
  'paymentInformation.card.expirationMonth',
  'paymentInformation.card.expirationYear',
]

const MICROFORM_TYPE = 'mf-2.0.0'
const CHECKOUT_TYPE = 'gda-0.10.0'
const CHECKOUT_CLIENT_VERSION = '0.33'

function pick(body: Record<string, unknown>, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.flatMap((name) => (name in body ? [[name, body[name]]] : [])))
}

function buildContext(
  route: CaptureContextRoute,
  body: Record<string, unknown>,
  origin: string,
  assets: MicroformAssets,
): { type: string; data: Record<string, unknown> } | Refusal {
  if (route === '/microform/v2/sessions') {
    const read = readMicroformSessionRequest(body)
    if ('details' in read) return refuseValidation(read.details)
    const data = {
      clientLibraryIntegrity: assets.library.integrity,
      clientLibrary: `${origin}${assets.library.path}`,
      ...(read.allowedCardNetworks ? { allowedCardNetworks: read.allowedCardNetworks } : {}),
      targetOrigins: read.targetOrigins,
      mfOrigin: origin,
    }
    return { type: MICROFORM_TYPE, data }
  }
  const read = readCheckoutSessionRequest(body, route)
  if ('details' in read) return refuseValidation(read.details)
  const data = {
    ...pick(body, ['allowedPaymentTypes', 'captureMandate']),
    orderInformation: read.orderInformation,
    ...pick(body, ['targetOrigins']),
    clientVersion: body.clientVersion ?? CHECKOUT_CLIENT_VERSION,
    ...pick(body, ['country', 'locale', 'allowedCardNetworks', 'completeMandate']),
    serviceOrigin: origin,
    clientLibrary: `${origin}${assets.checkoutLibrary.path}`,
    clientLibraryIntegrity: assets.checkoutLibrary.integrity,
  }
  return { type: CHECKOUT_TYPE, data }
}

/**
 * `POST /microform/v2/sessions`, `/up/v1/capture-contexts` and `/uc/v1/sessions`: merchant
 * authentication as for `/flex/v2/sessions`, then the JSON body and its members (refusals in the
 * `responseStatus` form), then a capture context of type `mf-2.0.0` (Microform) or `gda-0.10.0`
 * (Unified Checkout) whose `clientLibrary` is served by this emulator.
 */
export async function handleCaptureContextRequest(
  state: EmulatorState,
  request: AuthenticatedRequest,
  route: CaptureContextRoute,
  assets: MicroformAssets,
): Promise<{ status: 201; jwt: string } | Refusal> {
  const authentication = authenticateMerchant(state, request)
  if (!authentication.ok) return refuseAuthentication(authentication.problem)
  const body = readJsonRequestBody(request)
  if (typeof body === 'string') {
    return refuseValidation([
      body === 'content-type'
        ? { location: 'Content-Type', message: 'must be application/json' }
        : { location: 'body', message: 'must be a JSON object' },
    ])
  }
  const context = buildContext(route, body, state.origin, assets)
  if ('status' in context) return context
  const record = await issueCaptureContext({
    signingKey: state.signingKeys.current(),
    keys: await state.keyPool.take(),
    origin: state.origin,
    merchantId: authentication.merchant.merchantId,
    requiredFields: CARD_REQUIRED,
    optionalFields: CARD_OPTIONAL,
    now: state.clock.now(),
    sealKey: state.sealKey,
    context,
  })
  rememberCaptureContext(state, record)
  return { status: 201, jwt: record.jwt }
}

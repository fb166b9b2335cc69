import { isJsonObject } from 'flex-types/internal'
import type { ErrorDetail } from './error-body.js'
import { CARD_NETWORKS, checkNameList, checkTargetOrigins } from './read-target-origins.js'

const PAYMENT_TYPES = [
  'PANENTRY',
  'CLICKTOPAY',
  'GOOGLEPAY',
  'APPLEPAY',
  'PAZE',
  'CHECK',
  'TMS_TOKEN',
  'PAYPAL',
  'VENMO',
  'AFFIRM',
  'AFTERPAY',
  'BANCONTACT',
  'DRAGONPAY',
  'IDEAL',
  'MULTIBANCO',
  'MYBANK',
  'PRZELEWY24',
  'TINKPAYBYBANK',
  'KONBINI',
]

const OBJECT_MEMBERS = [
  'captureMandate',
  'completeMandate',
  'transientTokenResponseOptions',
  'data',
  'orderInformation',
  'paymentConfigurations',
  'appearance',
]
const MEMBERS = new Set([
  ...OBJECT_MEMBERS,
  'clientVersion',
  'targetOrigins',
  'allowedCardNetworks',
  'allowedPaymentTypes',
  'country',
  'locale',
  'buttonType',
])

/** The route a Unified Checkout capture context is requested at. */
export type CheckoutRoute = '/up/v1/capture-contexts' | '/uc/v1/sessions'

function checkPattern(value: unknown, location: string, pattern: RegExp, what: string) {
  return typeof value === 'string' && pattern.test(value) ? [] : [{ location, message: what }]
}

function orderInformationOf(body: Record<string, unknown>, route: CheckoutRoute): unknown {
  const fromData = isJsonObject(body.data) ? body.data.orderInformation : undefined
  return route === '/uc/v1/sessions' ? fromData : (fromData ?? body.orderInformation)
}

function checkAmount(orderInformation: unknown, where: string): ErrorDetail[] {
  const amount = isJsonObject(orderInformation) ? orderInformation.amountDetails : undefined
  const details = isJsonObject(amount) ? amount : {}
  return [
    ...checkPattern(
      details.totalAmount,
      `${where}.amountDetails.totalAmount`,
      /^\d{1,15}(\.\d{1,3})?$/,
      'must be a decimal amount such as 21.00',
    ),
    ...checkPattern(
      details.currency,
      `${where}.amountDetails.currency`,
      /^[A-Z]{3}$/,
      'must be an ISO 4217 code',
    ),
  ]
}

/**
 * Checks a Unified Checkout capture-context request: the documented required members
 * (`targetOrigins`, `allowedPaymentTypes`, `country`, `locale`, the order amount and currency),
 * the documented lists, object members as objects; `/uc/v1/sessions` takes https origins only
 * (1–7), `/up/v1/capture-contexts` also `http://localhost` (1–9, as Microform).
 */
export function readCheckoutSessionRequest(
  body: Record<string, unknown>,
  route: CheckoutRoute,
): { orderInformation: Record<string, unknown> } | { details: ErrorDetail[] } {
  const v1 = route === '/uc/v1/sessions'
  const orderInformation = orderInformationOf(body, route)
  const details: ErrorDetail[] = [
    ...(Object.keys(body).every((key) => MEMBERS.has(key) && !(v1 && key === 'orderInformation'))
      ? []
      : [{ location: 'body', message: 'has a member this route does not take' }]),
    ...OBJECT_MEMBERS.flatMap((key) =>
      body[key] === undefined || isJsonObject(body[key])
        ? []
        : [{ location: key, message: 'must be an object' }],
    ),
    ...checkTargetOrigins(body.targetOrigins, { max: v1 ? 7 : 9, allowHttpLocalhost: !v1 }),
    ...checkNameList(body.allowedCardNetworks, 'allowedCardNetworks', CARD_NETWORKS),
    ...(body.allowedPaymentTypes === undefined
      ? [{ location: 'allowedPaymentTypes', message: 'is required' }]
      : checkNameList(body.allowedPaymentTypes, 'allowedPaymentTypes', PAYMENT_TYPES)),
    ...checkPattern(body.country, 'country', /^[A-Z]{2}$/, 'must be an ISO 3166 code'),
    ...checkPattern(body.locale, 'locale', /^[a-z]{2}_[A-Z]{2}$/, 'must be such as en_US'),
    ...(body.clientVersion === undefined
      ? []
      : checkPattern(
          body.clientVersion,
          'clientVersion',
          /^\d{1,2}\.\d{1,2}$/,
          'must be such as 0.33',
        )),
    ...checkAmount(orderInformation, v1 ? 'data.orderInformation' : 'orderInformation'),
  ]
  if (details.length > 0) return { details }
  return { orderInformation: orderInformation as Record<string, unknown> }
}

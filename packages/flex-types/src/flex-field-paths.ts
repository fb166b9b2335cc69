/**
 * The 31 field paths a Flex API v2 session can capture, in the order of docs/protocol.md section 1.
 *
 * @example
 * ```ts
 * import { FLEX_FIELD_PATHS } from 'flex-types'
 * FLEX_FIELD_PATHS.includes('paymentInformation.card.number') // true
 * ```
 */
export const FLEX_FIELD_PATHS = [
  'paymentInformation.card.number',
  'paymentInformation.card.type',
  'paymentInformation.card.securityCode',
  'paymentInformation.card.expirationMonth',
  'paymentInformation.card.expirationYear',
  'orderInformation.amountDetails.totalAmount',
  'orderInformation.amountDetails.currency',
  'orderInformation.billTo.address1',
  'orderInformation.billTo.address2',
  'orderInformation.billTo.administrativeArea',
  'orderInformation.billTo.buildingNumber',
  'orderInformation.billTo.country',
  'orderInformation.billTo.district',
  'orderInformation.billTo.locality',
  'orderInformation.billTo.postalCode',
  'orderInformation.billTo.email',
  'orderInformation.billTo.firstName',
  'orderInformation.billTo.lastName',
  'orderInformation.billTo.phoneNumber',
  'orderInformation.billTo.company',
  'orderInformation.shipTo.address1',
  'orderInformation.shipTo.address2',
  'orderInformation.shipTo.administrativeArea',
  'orderInformation.shipTo.buildingNumber',
  'orderInformation.shipTo.country',
  'orderInformation.shipTo.district',
  'orderInformation.shipTo.locality',
  'orderInformation.shipTo.postalCode',
  'orderInformation.shipTo.firstName',
  'orderInformation.shipTo.lastName',
  'orderInformation.shipTo.company',
] as const

/** One of the 31 capturable field paths, e.g. `'paymentInformation.card.number'`. */
export type FlexFieldPath = (typeof FLEX_FIELD_PATHS)[number]

const PATH_SET: ReadonlySet<string> = new Set(FLEX_FIELD_PATHS)

/**
 * Tells whether a string is one of the 31 capturable field paths.
 *
 * @example
 * ```ts
 * isFlexFieldPath('orderInformation.billTo.email') // true
 * isFlexFieldPath('orderInformation.billTo.mail') // false
 * ```
 */
export function isFlexFieldPath(value: unknown): value is FlexFieldPath {
  return typeof value === 'string' && PATH_SET.has(value)
}

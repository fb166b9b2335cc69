import type { FlexFieldPath } from './flex-field-paths.js'

type LeafOf<Prefix extends string> = FlexFieldPath extends infer Path
  ? Path extends `${Prefix}.${infer Leaf}`
    ? Leaf
    : never
  : never

type Group<Prefix extends string, Value> = { [Leaf in LeafOf<Prefix>]?: Value }

/**
 * The nested shape of the 31 field paths with a `Value` at each leaf: the wire form of both the
 * session `fields` and the encrypted `data`. A misspelled key does not compile.
 */
export interface FlexFieldTree<Value> {
  paymentInformation?: {
    card?: Group<'paymentInformation.card', Value>
  }
  orderInformation?: {
    amountDetails?: Group<'orderInformation.amountDetails', Value>
    billTo?: Group<'orderInformation.billTo', Value>
    shipTo?: Group<'orderInformation.shipTo', Value>
  }
}

/** A leaf of the session request: present means required unless `required: false`. */
export interface FieldRequirement {
  required?: boolean
}

/**
 * The `fields` member of `POST /flex/v2/sessions`, nested by field path.
 *
 * @example
 * ```ts
 * const fields: SessionFields = {
 *   paymentInformation: { card: { number: {}, securityCode: { required: false } } },
 * }
 * ```
 */
export type SessionFields = FlexFieldTree<FieldRequirement>

/** The customer data encrypted for `/flex/v2/tokens`: string values nested by field path. */
export type PaymentData = FlexFieldTree<string>

/** The same customer data keyed by dotted field path, the style mobile SDKs use. */
export type FlatPaymentData = { [Path in FlexFieldPath]?: string }

/** One entry of a flat session field list: a path (required) or a path with its requirement. */
export type SessionFieldSelection = FlexFieldPath | { path: FlexFieldPath; required?: boolean }

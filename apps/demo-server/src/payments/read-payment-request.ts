import type { PaymentAddress } from 'flex-payments'
import { detectCardBrand, FLEX_FIELD_REASONS, type FlexFieldIssue } from 'flex-types'
import type { FieldSelection } from '../field-selection.js'
import type { SubmittedValues } from '../run-tokenization-flow.js'
import { readMinorUnits } from './money.js'
import type { PaymentRequest } from './take-payment.js'

const AMOUNT = 'orderInformation.amountDetails.totalAmount'
const CURRENCY = 'orderInformation.amountDetails.currency'
const ADDRESS_MEMBERS = [
  'firstName',
  'lastName',
  'company',
  'address1',
  'address2',
  'locality',
  'administrativeArea',
  'postalCode',
  'country',
  'email',
  'phoneNumber',
] as const satisfies readonly (keyof PaymentAddress)[]

/** What the form asks for: a payment (with its amount checked), or only a token. */
export type PaymentRequestResult =
  | { kind: 'payment'; request: PaymentRequest }
  | { kind: 'token-only' }
  | { kind: 'invalid'; issues: FlexFieldIssue[] }

function readBillTo(values: SubmittedValues): PaymentAddress | undefined {
  const billTo: Record<string, string> = {}
  for (const member of ADDRESS_MEMBERS) {
    const value = values.get(`orderInformation.billTo.${member}`)
    if (value) billTo[member] = value
  }
  return Object.keys(billTo).length > 0 ? (billTo as PaymentAddress) : undefined
}

/**
 * Reads the payment the form asks for: with the amount and currency fields on the form, a
 * payment of that amount (checked against the currency's decimals before any call to Flex),
 * with the billing fields and the card's brand and last four; without them, only a token.
 *
 * @example
 * ```ts
 * const result = readPaymentRequest(selection, values, 'sale')
 * if (result.kind === 'invalid') showOnTheForm(result.issues)
 * ```
 */
export function readPaymentRequest(
  selection: FieldSelection,
  values: SubmittedValues,
  intent: PaymentRequest['intent'],
): PaymentRequestResult {
  const fields = [...selection.required, ...selection.optional]
  if (!fields.includes(AMOUNT) || !fields.includes(CURRENCY)) return { kind: 'token-only' }
  const amount = values.get(AMOUNT) ?? ''
  const currency = values.get(CURRENCY) ?? ''
  // A missing amount or currency is the flow's own issue ("is required"), not a payment issue.
  if (amount === '' || currency === '') return { kind: 'token-only' }
  const read = readMinorUnits(amount, currency)
  if ('reason' in read) {
    const reason =
      read.reason === 'format' ? FLEX_FIELD_REASONS.FORMAT : FLEX_FIELD_REASONS.OUT_OF_RANGE
    const path = read.message.includes('currency') ? CURRENCY : AMOUNT
    return { kind: 'invalid', issues: [{ path, reason, message: read.message }] }
  }
  const number = (values.get('paymentInformation.card.number') ?? '').replace(/\D/g, '')
  const billTo = readBillTo(values)
  const billingName = [
    values.get('orderInformation.billTo.firstName'),
    values.get('orderInformation.billTo.lastName'),
  ]
    .filter(Boolean)
    .join(' ')
  return {
    kind: 'payment',
    request: {
      intent,
      amount,
      currency,
      read,
      ...(billTo ? { billTo } : {}),
      ...(number.length >= 12
        ? { card: { brand: detectCardBrand(number), lastFour: number.slice(-4) } }
        : {}),
      ...(billingName ? { billingName } : {}),
    },
  }
}

import { type CardNetworkName, FLEX_FIELD_REASONS, type FlexFieldIssue } from 'flex-types'
import {
  createUsageError,
  isJsonObject,
  readCurrencyCode,
  readDecimalAmount,
} from 'flex-types/internal'
import {
  readCommonSessionMembers,
  refuseIssues,
  type TransientTokenResponseOptions,
} from './read-common-session-members.js'
import { UNIFIED_CHECKOUT_TARGET_ORIGIN_RULES } from './read-target-origins.js'

/** A payment type Unified Checkout offers; a name this list does not know is still a string. */
export type UnifiedCheckoutPaymentType =
  | 'PANENTRY'
  | 'CLICKTOPAY'
  | 'APPLEPAY'
  | 'GOOGLEPAY'
  | 'PAZE'
  | 'CHECK'
  | (string & {})

/** What Unified Checkout asks the customer for besides the card (`captureMandate`). */
export interface UnifiedCheckoutCaptureMandate {
  billingType?: 'FULL' | 'PARTIAL' | 'NONE'
  requestEmail?: boolean
  requestPhone?: boolean
  requestShipping?: boolean
  /** ISO 3166 alpha-2 codes. */
  shipToCountries?: readonly string[]
  showAcceptedNetworkIcons?: boolean
  /** Any other member of the model, sent as is. */
  [member: string]: unknown
}

/**
 * The request of `client.createUnifiedCheckoutSession` (`POST /uc/v1/sessions`).
 * `targetOrigins`, the name lists, `country`, `locale`, `amount`, `currency`, `clientVersion` and
 * `transientTokenResponseOptions` are checked; every other member (`buttonType`,
 * `captureMandate`, `appearance`, `paymentConfigurations`…) is typed where common and sent as is.
 */
export interface UnifiedCheckoutSessionOptions {
  /** The origins of the pages that host Unified Checkout: `https:` only, origin only, 1 to 7. */
  targetOrigins: readonly string[]
  /** The card networks to accept, e.g. `['VISA', 'MASTERCARD']`. */
  allowedCardNetworks: readonly CardNetworkName[]
  /** The payment methods to offer, e.g. `['PANENTRY', 'CLICKTOPAY']`. */
  allowedPaymentTypes: readonly UnifiedCheckoutPaymentType[]
  /** Where the purchase originates: ISO 3166 alpha-2, e.g. `US`. */
  country: string
  /** The customer's language: ISO 639 language and ISO 3166 region, e.g. `en_US`. */
  locale: string
  /** The total as a decimal string with at most the currency's decimals, e.g. `'21.00'`. */
  amount: string
  /** ISO 4217, e.g. `USD`. */
  currency: string
  /** `Major.Minor` (e.g. `1.0`); the service uses its latest when left out, as it advises. */
  clientVersion?: string
  /** The payment button's label, e.g. `CHECKOUT` or `PAY`. */
  buttonType?: string
  captureMandate?: UnifiedCheckoutCaptureMandate
  completeMandate?: Record<string, unknown>
  transientTokenResponseOptions?: TransientTokenResponseOptions
  /**
   * The request's `data` (billTo, shipTo, line items…), sent with `orderInformation.amountDetails`
   * `totalAmount` and `currency` set from `amount` and `currency`.
   */
  data?: Record<string, unknown>
  [member: string]: unknown
}

const CALLER = 'createUnifiedCheckoutSession'
const TYPED = new Set([
  'clientVersion',
  'targetOrigins',
  'allowedCardNetworks',
  'allowedPaymentTypes',
  'country',
  'locale',
  'amount',
  'currency',
  'transientTokenResponseOptions',
  'data',
])
const COUNTRY = /^[A-Z]{2}$/
const LOCALE = /^[a-z]{2,3}_[A-Z]{2}$/

function readCode(
  field: 'country' | 'locale',
  value: unknown,
  pattern: RegExp,
  issues: FlexFieldIssue[],
): void {
  if (typeof value !== 'string') throw createUsageError(CALLER, field, 'must be a string')
  if (!pattern.test(value)) {
    issues.push({
      path: field,
      reason: FLEX_FIELD_REASONS.FORMAT,
      message:
        field === 'country'
          ? 'must be an ISO 3166 alpha-2 code such as US'
          : 'must be a language and a region joined by _, such as en_US',
    })
  }
}

function readObject(field: string, value: unknown): Record<string, unknown> {
  if (value === undefined) return {}
  if (!isJsonObject(value)) throw createUsageError(CALLER, field, 'must be an object')
  return value
}

/** `data` with `orderInformation.amountDetails` carrying the amount; never two sources for it. */
function buildData(data: unknown, totalAmount: string, currency: string) {
  const given = readObject('data', data)
  const orderInformation = readObject('data.orderInformation', given.orderInformation)
  const amountDetails = readObject(
    'data.orderInformation.amountDetails',
    orderInformation.amountDetails,
  )
  for (const member of ['totalAmount', 'currency']) {
    if (member in amountDetails) {
      throw createUsageError(
        CALLER,
        `data.orderInformation.amountDetails.${member}`,
        'must be left out: give amount and currency',
      )
    }
  }
  return {
    ...given,
    orderInformation: {
      ...orderInformation,
      amountDetails: { totalAmount, currency, ...amountDetails },
    },
  }
}

/**
 * Checks a Unified Checkout session request and returns the body to send; nothing is sent when a
 * member is wrong.
 */
export function readUnifiedCheckoutSessionOptions(
  options: UnifiedCheckoutSessionOptions,
): Record<string, unknown> {
  if (!isJsonObject(options)) throw createUsageError(CALLER, 'options', 'must be an object')
  for (const field of ['allowedCardNetworks', 'allowedPaymentTypes'] as const) {
    if (!Array.isArray(options[field])) {
      throw createUsageError(CALLER, field, 'must be a list of names')
    }
  }
  const issues: FlexFieldIssue[] = []
  const common = readCommonSessionMembers(
    CALLER,
    options,
    UNIFIED_CHECKOUT_TARGET_ORIGIN_RULES,
    issues,
  )
  readCode('country', options.country, COUNTRY, issues)
  readCode('locale', options.locale, LOCALE, issues)
  const exponent = readCurrencyCode(CALLER, 'currency', options.currency, issues)
  readDecimalAmount(CALLER, 'amount', options.amount, exponent, issues)
  const data = buildData(options.data, options.amount, options.currency)
  refuseIssues(CALLER, issues)
  const { transientTokenResponseOptions, ...lists } = common
  const passed = Object.entries(options).filter(([member]) => !TYPED.has(member))
  return {
    ...lists,
    country: options.country,
    locale: options.locale,
    ...Object.fromEntries(passed),
    transientTokenResponseOptions,
    data,
  }
}

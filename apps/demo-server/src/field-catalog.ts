import { FLEX_FIELD_PATHS, type FlexFieldPath } from 'flex-types'

/** The sections of the virtual-terminal form, in page order. */
export const FIELD_GROUPS = {
  card: 'Card',
  amountDetails: 'Amount',
  billTo: 'Billing details',
  shipTo: 'Shipping details',
} as const

/** One section of the form. */
type FieldGroup = keyof typeof FIELD_GROUPS

/** How one field is shown on the form. */
export interface FieldInfo {
  path: FlexFieldPath
  group: FieldGroup
  /** The label beside the control, inside its section. */
  label: string
  /** The label on its own, in summaries: shipping fields say so (`Shipping first name`). */
  longLabel: string
  /** The form control; `select` fields offer `choices`. */
  control: 'text' | 'email' | 'tel' | 'select'
  choices?: readonly { value: string; label: string }[]
  hint?: string
  inputMode?: 'numeric' | 'decimal' | 'email' | 'tel' | 'text'
  autocomplete?: string
  maxLength?: number
  /** Narrow fields share a row on the form. */
  width: 'full' | 'half' | 'third'
  /**
   * Card number and security code: never written back into the form, logged or shown, even
   * masked by the browser's autofill.
   */
  sensitive: boolean
  /** The field's place on the form: sections in `FIELD_GROUPS` order, then a natural order. */
  order: number
}

const MONTHS = Array.from({ length: 12 }, (_, index) => {
  const value = String(index + 1).padStart(2, '0')
  const label = new Date(Date.UTC(2000, index, 1)).toLocaleString('en', {
    month: 'short',
    timeZone: 'UTC',
  })
  return { value, label: `${value} · ${label}` }
})

const CARD_TYPES = [
  { value: '001', label: 'Visa' },
  { value: '002', label: 'Mastercard' },
  { value: '003', label: 'American Express' },
  { value: '004', label: 'Discover' },
  { value: '005', label: 'Diners Club' },
  { value: '007', label: 'JCB' },
  { value: '042', label: 'Maestro' },
  { value: '062', label: 'China UnionPay' },
] as const

const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY', 'SEK', 'NZD', 'SGD'].map(
  (code) => ({ value: code, label: code }),
)

/** The years a card can expire in, from this year on (the choices of the year field). */
export function expiryYears(now: Date): { value: string; label: string }[] {
  return Array.from({ length: 16 }, (_, index) => {
    const value = String(now.getUTCFullYear() + index)
    return { value, label: value }
  })
}

type Details = Omit<
  FieldInfo,
  'path' | 'group' | 'label' | 'longLabel' | 'width' | 'sensitive' | 'order'
> & {
  width?: FieldInfo['width']
  sensitive?: boolean
}

const ADDRESS_DETAILS: Record<string, [label: string, details: Details]> = {
  firstName: ['First name', { control: 'text', autocomplete: 'off', width: 'half' }],
  lastName: ['Last name', { control: 'text', autocomplete: 'off', width: 'half' }],
  company: ['Company', { control: 'text', autocomplete: 'off' }],
  email: ['Email', { control: 'email', inputMode: 'email', autocomplete: 'off', maxLength: 254 }],
  phoneNumber: ['Phone', { control: 'tel', inputMode: 'tel', autocomplete: 'off', maxLength: 20 }],
  buildingNumber: ['Building number', { control: 'text', autocomplete: 'off', width: 'third' }],
  address1: ['Address line 1', { control: 'text', autocomplete: 'off' }],
  address2: ['Address line 2', { control: 'text', autocomplete: 'off' }],
  district: ['District', { control: 'text', autocomplete: 'off', width: 'third' }],
  locality: ['City', { control: 'text', autocomplete: 'off', width: 'third' }],
  administrativeArea: [
    'State or region',
    { control: 'text', autocomplete: 'off', width: 'third', hint: 'e.g. CA' },
  ],
  postalCode: [
    'Postal code',
    { control: 'text', autocomplete: 'off', width: 'third', maxLength: 10 },
  ],
  country: [
    'Country',
    {
      control: 'text',
      autocomplete: 'off',
      width: 'third',
      maxLength: 2,
      hint: 'Two-letter code, e.g. US',
    },
  ],
}

const CARD_DETAILS: Record<string, [label: string, details: Details]> = {
  number: [
    'Card number',
    {
      control: 'text',
      inputMode: 'numeric',
      autocomplete: 'off',
      maxLength: 23,
      sensitive: true,
    },
  ],
  type: ['Card type', { control: 'select', choices: CARD_TYPES }],
  expirationMonth: ['Expiry month', { control: 'select', choices: MONTHS, width: 'third' }],
  // The year's choices depend on the date: the form fills them in (see expiryYears).
  expirationYear: ['Expiry year', { control: 'select', width: 'third' }],
  securityCode: [
    'Security code',
    {
      control: 'text',
      inputMode: 'numeric',
      autocomplete: 'off',
      maxLength: 4,
      width: 'third',
      hint: '3 or 4 digits',
      sensitive: true,
    },
  ],
}

const AMOUNT_DETAILS: Record<string, [label: string, details: Details]> = {
  totalAmount: [
    'Total amount',
    {
      control: 'text',
      inputMode: 'decimal',
      autocomplete: 'off',
      width: 'half',
      hint: 'e.g. 49.90',
    },
  ],
  currency: ['Currency', { control: 'select', choices: CURRENCIES, width: 'half' }],
}

function describe(path: FlexFieldPath): FieldInfo {
  const [, section, leaf = ''] = path.split('.') as [string, string, string]
  const group = section as FieldGroup
  const table =
    group === 'card' ? CARD_DETAILS : group === 'amountDetails' ? AMOUNT_DETAILS : ADDRESS_DETAILS
  const [label, { width = 'full', sensitive = false, ...details }] = table[leaf] ?? [
    leaf,
    { control: 'text' },
  ]
  const order = Object.keys(FIELD_GROUPS).indexOf(group) * 100 + Object.keys(table).indexOf(leaf)
  const longLabel = group === 'shipTo' ? `Shipping ${label.toLowerCase()}` : label
  return { path, group, label, longLabel, width, sensitive, order, ...details }
}

/**
 * How each of the 31 Flex field paths appears on the form: label, section, control and width.
 *
 * @example
 * ```ts
 * FIELD_CATALOG['paymentInformation.card.number'].label // 'Card number'
 * ```
 */
export const FIELD_CATALOG: Readonly<Record<FlexFieldPath, FieldInfo>> = Object.fromEntries(
  FLEX_FIELD_PATHS.map((path) => [path, describe(path)]),
) as Record<FlexFieldPath, FieldInfo>

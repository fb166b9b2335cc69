// The emulator's own reading of docs/protocol.md sections 1 and 4: the
// capturable fields and the rule each value must meet. Written apart from flex-types on purpose,
// so a bug in the SDK's rules cannot agree with itself (validate-decrypted-data.test.ts compares).
import { checkCardNumberLength } from './card-brand-lengths.js'

const ADDRESS = [
  'address1',
  'address2',
  'administrativeArea',
  'buildingNumber',
  'country',
  'district',
  'locality',
  'postalCode',
]

/** The capturable leaves, grouped as docs/protocol.md section 1 lists them. */
const CAPTURABLE: Record<string, Record<string, readonly string[]>> = {
  paymentInformation: {
    card: ['number', 'type', 'securityCode', 'expirationMonth', 'expirationYear'],
  },
  orderInformation: {
    amountDetails: ['totalAmount', 'currency'],
    billTo: [...ADDRESS, 'email', 'firstName', 'lastName', 'phoneNumber', 'company'],
    shipTo: [...ADDRESS, 'firstName', 'lastName', 'company'],
  },
}

/** Every capturable dotted path (31). */
export const CAPTURABLE_PATHS: ReadonlySet<string> = new Set(
  Object.entries(CAPTURABLE).flatMap(([top, groups]) =>
    Object.entries(groups).flatMap(([group, leaves]) =>
      leaves.map((leaf) => `${top}.${group}.${leaf}`),
    ),
  ),
)

/** The paths that hold other fields (`paymentInformation`, `paymentInformation.card`, …). */
export const BRANCH_PATHS: ReadonlySet<string> = new Set(
  Object.entries(CAPTURABLE).flatMap(([top, groups]) => [
    top,
    ...Object.keys(groups).map((group) => `${top}.${group}`),
  ]),
)

// ISO 4217 alphabetic codes in use, by first letter (AED = A + ED).
const CURRENCIES_BY_LETTER: Record<string, string> = {
  A: 'ED FN LL MD NG OA RS UD WG ZN',
  B: 'AM BD DT GN HD IF MD ND OB OV RL SD TN WP YN ZD',
  C: 'AD DF HE HF HW LF LP NY OP OU RC UC UP VE ZK',
  D: 'JF KK OP ZD',
  E: 'GP RN TB UR',
  F: 'JD KP',
  G: 'BP EL HS IP MD NF TQ YD',
  H: 'KD NL TG UF',
  I: 'DR LS NR QD RR SK',
  J: 'MD OD PY',
  K: 'ES GS HR MF PW RW WD YD ZT',
  L: 'AK BP KR RD SL YD',
  M: 'AD DL GA KD MK NT OP RU UR VR WK XN XV YR ZN',
  N: 'AD GN IO OK PR ZD',
  O: 'MR',
  P: 'AB EN GK HP KR LN YG',
  Q: 'AR',
  R: 'ON SD UB WF',
  S: 'AR BD CR DG EK GD HP LE LL OS RD SP TN VC YP ZL',
  T: 'HB JS MT ND OP RY TD WD ZS',
  U: 'AH GX SD SN YI YU YW ZS',
  V: 'ED ES ND UV',
  W: 'ST',
  X: 'AF AG AU BA BB BC BD CD CG DR OF PD PF PT SU TS UA XX',
  Y: 'ER',
  Z: 'AR MW WG WL',
}
const CURRENCIES: ReadonlySet<string> = new Set(
  Object.entries(CURRENCIES_BY_LETTER).flatMap(([letter, rests]) =>
    rests.split(' ').map((rest) => letter + rest),
  ),
)

/** Whether `code` is an ISO 4217 alphabetic code in use (the emulator's own list). */
export function isKnownCurrency(code: string): boolean {
  return CURRENCIES.has(code)
}

/** Card numbers are typed with spaces and dashes; the service reads the digits. */
export function cardDigits(value: string): string {
  return value.replace(/[\s-]+/g, '')
}

function luhnValid(digits: string): boolean {
  let total = 0
  let double = false
  for (let position = digits.length - 1; position >= 0; position -= 1) {
    const digit = Number(digits[position])
    const added = double ? digit * 2 : digit
    total += added > 9 ? added - 9 : added
    double = !double
  }
  return total % 10 === 0
}

/** What is wrong with a value (a message that never repeats it), or undefined. */
type Rule = (value: string, now: Date) => string | undefined

const shaped =
  (pattern: RegExp, message: string): Rule =>
  (value) =>
    pattern.test(value) ? undefined : message

/** How many years ahead of the current one (UTC, emulator clock) an expiration year may be. */
export const MAX_EXPIRY_YEARS_AHEAD = 25

const COUNTRY = shaped(/^[A-Z]{2}$/, 'must be an ISO 3166 two-letter code')
const POSTAL_CODE = shaped(/^[A-Za-z0-9 -]{1,10}$/, 'must be a postal code')

const RULES: Record<string, Rule> = {
  'paymentInformation.card.number': (value) => {
    const digits = cardDigits(value)
    if (!/^[0-9]+$/.test(digits)) return 'must contain digits only'
    if (digits.length < 12 || digits.length > 19) return 'must be 12 to 19 digits'
    const brandProblem = checkCardNumberLength(digits)
    if (brandProblem) return brandProblem
    return luhnValid(digits) ? undefined : 'is not a valid card number'
  },
  'paymentInformation.card.type': shaped(/^[0-9]{3}$/, 'must be a 3-digit card type code'),
  'paymentInformation.card.securityCode': shaped(/^[0-9]{3,4}$/, 'must be 3 or 4 digits'),
  'paymentInformation.card.expirationMonth': shaped(/^(?:0[1-9]|1[012])$/, 'must be 01 to 12'),
  'paymentInformation.card.expirationYear': (value, now) => {
    if (!/^[0-9]{4}$/.test(value)) return 'must be a four-digit year'
    const thisYear = now.getUTCFullYear()
    if (Number(value) < thisYear) return 'is in the past'
    return Number(value) - thisYear > MAX_EXPIRY_YEARS_AHEAD
      ? 'is too far in the future'
      : undefined
  },
  'orderInformation.amountDetails.totalAmount': shaped(
    /^[0-9]{1,15}(?:\.[0-9]{1,6})?$/,
    'must be a decimal amount such as 10.00',
  ),
  'orderInformation.amountDetails.currency': (value) =>
    CURRENCIES.has(value) ? undefined : 'must be an ISO 4217 currency code such as USD',
  'orderInformation.billTo.email': (value) =>
    value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)
      ? undefined
      : 'must be an e-mail address',
  'orderInformation.billTo.country': COUNTRY,
  'orderInformation.shipTo.country': COUNTRY,
  'orderInformation.billTo.phoneNumber': shaped(
    /^\+?[0-9 ().-]{4,20}$/,
    'must be a phone number of 4 to 20 digits and separators',
  ),
  'orderInformation.billTo.postalCode': POSTAL_CODE,
  'orderInformation.shipTo.postalCode': POSTAL_CODE,
}

const LONGEST_VALUE = 256

/** Checks one non-empty value of a capturable path: length, control characters, its rule. */
export function checkFieldValue(path: string, value: string, now: Date): string | undefined {
  if (value.length > LONGEST_VALUE) return `must be at most ${LONGEST_VALUE} characters`
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index)
    if (code < 0x20 || code === 0x7f) return 'must not contain control characters'
  }
  return RULES[path]?.(value, now)
}

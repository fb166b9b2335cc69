// Plain JavaScript so that `scripts/ci.mjs` can scan the whole test output with the same rules.
import { inspect } from 'node:util'

export const SENTINEL_CARD_NUMBERS = [
  '4111111111111111',
  '4000056655665556',
  '5555555555554444',
  '378282246310005',
]

export const SENTINEL_SECURITY_CODE = '7391'

// A run of 13 to 19 digits that could be a card number; not the fraction of a decimal number
// (a duration such as 12.345678901234567 holds 15 random digits, Luhn-valid one time in ten).
const DIGIT_RUN = /(?<![\dA-Za-z]|\d\.)[2-6]\d{12,18}(?![\dA-Za-z])/g

function passesLuhn(digits) {
  let sum = 0
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index])
    if (index % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi
// A JSON escape (`\n`, `\"`, `\u0022`) or a URL escape (`%3D`, `%253D` encoded twice) ends a
// word as a space would.
const ESCAPE = /\\u[0-9A-Fa-f]{4}|\\[nrtbf"\\/]|%(?:25)*[0-9A-Fa-f]{2}/g

// A short all-digit secret (a security code) counts only where no letter or digit touches it,
// once escapes are read as spaces: `7391` is not found inside a port such as 37391, a number such
// as 173912, a random hex id such as a transactionId (`…a739f…`) or a correlation UUID, which
// hold any three or four digits now and then. Where a page, a log line or a JSON value carries a
// code, it stands apart: `"securityCode":"739"`, `cvv=739&`, `code:\n739`, `securityCode%3D739`.
function containsSecret(text, secret) {
  if (!/^\d{1,8}$/.test(secret)) return text.includes(secret)
  const words = text.replace(UUID, '-').replace(ESCAPE, ' ')
  return new RegExp(`(?<![\\dA-Za-z])${secret}(?![\\dA-Za-z])`).test(words)
}

export function findSensitiveData(text, secrets = []) {
  const found = []
  for (const secret of [...SENTINEL_CARD_NUMBERS, ...secrets]) {
    if (secret.length > 0 && containsSecret(text, secret)) {
      found.push(`secret of length ${secret.length} ending ${secret.slice(-2)}`)
    }
  }
  for (const match of text.matchAll(DIGIT_RUN)) {
    if (passesLuhn(match[0])) found.push(`Luhn-valid digit run of length ${match[0].length}`)
  }
  return found
}

export function renderThrown(value) {
  let json = ''
  try {
    json = JSON.stringify(value, Object.getOwnPropertyNames(value ?? {})) ?? ''
  } catch {}
  const parts = [
    String(value),
    value instanceof Error ? value.message : '',
    value instanceof Error ? (value.stack ?? '') : '',
    json,
    (() => {
      try {
        return JSON.stringify(value) ?? ''
      } catch {
        return ''
      }
    })(),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  ]
  return parts.join('\n')
}

export function expectNoSensitiveData(value, secrets = []) {
  const rendered = typeof value === 'string' ? value : renderThrown(value)
  const found = findSensitiveData(rendered, secrets)
  if (found.length > 0) throw new Error(`sensitive data found: ${found.join('; ')}`)
}

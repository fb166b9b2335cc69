import type { MaskedCard } from 'flex-types'
import { isJsonObject } from 'flex-types/internal'
import { claimInvalid } from './check-token-claims.js'

const MASKED_NUMBER = /^[0-9]{0,6}[X*x#•]+[0-9]{0,4}$/
const BIN = /^[0-9]{6,8}$/
const SHORT_CODE = /^[0-9A-Za-z]{1,8}$/

function text(value: unknown, pattern: RegExp): string | undefined {
  return typeof value === 'string' && pattern.test(value) ? value : undefined
}

function memberValue(member: unknown): unknown {
  return isJsonObject(member) ? member.value : undefined
}

function assign(card: MaskedCard, key: keyof MaskedCard, value: unknown): void {
  if (value !== undefined) (card as Record<string, unknown>)[key] = value
}

// Twelve digits or more, separators aside, is more than a BIN and a last four: a card number.
const DIGIT_RUN = /[0-9](?:[ -]?[0-9]){11}/

function carriesCardNumber(root: unknown): boolean {
  const pending: unknown[] = [root]
  while (pending.length > 0) {
    const value = pending.pop()
    if (typeof value === 'string' && DIGIT_RUN.test(value)) return true
    if (typeof value === 'object' && value !== null) pending.push(...Object.values(value))
  }
  return false
}

function checkMasked(member: string, value: unknown): void {
  if (value !== undefined && text(value, MASKED_NUMBER) === undefined) {
    throw claimInvalid(member, `the ${member} claim carries a card number that is not masked`)
  }
}

/**
 * Refuses the `data` or `content` claim of a transient token when it carries anything like a
 * whole card number (a number that is not masked, or a run of 12 or more digits in `data` or in
 * `content.paymentInformation`), so
 * that neither `card` nor `claims` ever holds one.
 */
export function refuseUnmaskedCardData(claims: Record<string, unknown>): void {
  const { data, content } = claims
  if (isJsonObject(data)) checkMasked('data', data.number)
  const paymentInformation = isJsonObject(content) ? content.paymentInformation : undefined
  const card = isJsonObject(paymentInformation) ? paymentInformation.card : undefined
  if (isJsonObject(card) && isJsonObject(card.number)) {
    checkMasked('content', card.number.maskedValue)
  }
  if (carriesCardNumber(data)) checkMasked('data', '')
  if (carriesCardNumber(paymentInformation)) checkMasked('content', '')
}

/**
 * Reads the masked card facts of a Microform or Unified Checkout transient token, from the older
 * `data` shape (`number` masked like `411111XXXXXX1111`) or the newer `content` shape
 * (`paymentInformation.card.number.maskedValue`…). Anything that is not clearly masked is left
 * out: a full card number never reaches `card`.
 */
export function readMaskedCard(claims: Record<string, unknown>): MaskedCard | undefined {
  const card: MaskedCard = {}
  const { data, content } = claims
  if (isJsonObject(data)) {
    const maskedNumber = text(data.number, MASKED_NUMBER)
    assign(card, 'maskedNumber', maskedNumber)
    assign(card, 'bin', text(data.bin, BIN) ?? maskedNumber?.match(/^[0-9]{6}/)?.[0])
    assign(card, 'type', text(data.type, SHORT_CODE))
    assign(card, 'expirationMonth', text(data.expirationMonth, /^[0-9]{1,2}$/))
    assign(card, 'expirationYear', text(data.expirationYear, /^[0-9]{2,4}$/))
  }
  const paymentInformation = isJsonObject(content) ? content.paymentInformation : undefined
  const source = isJsonObject(paymentInformation) ? paymentInformation.card : undefined
  if (isJsonObject(source)) {
    const number = isJsonObject(source.number) ? source.number : {}
    assign(card, 'maskedNumber', text(number.maskedValue, MASKED_NUMBER))
    assign(card, 'bin', text(number.bin, BIN))
    if (Array.isArray(number.detectedCardTypes)) {
      const types = number.detectedCardTypes.filter(
        (type): type is string => text(type, SHORT_CODE) !== undefined,
      )
      if (types.length > 0) card.detectedTypes = types
    }
    assign(card, 'type', text(memberValue(source.type), SHORT_CODE))
    assign(card, 'expirationMonth', text(memberValue(source.expirationMonth), /^[0-9]{1,2}$/))
    assign(card, 'expirationYear', text(memberValue(source.expirationYear), /^[0-9]{2,4}$/))
    if (isJsonObject(source.securityCode)) card.securityCodeCaptured = true
  }
  return Object.keys(card).length > 0 ? card : undefined
}

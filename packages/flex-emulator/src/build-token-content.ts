import { CARD_BRAND_TYPE_CODES, detectCardBrand, maskCardNumber } from 'flex-types'

function cardOf(data: Record<string, unknown>): Record<string, unknown> | undefined {
  const paymentInformation = data.paymentInformation
  if (typeof paymentInformation !== 'object' || paymentInformation === null) return undefined
  const card = (paymentInformation as Record<string, unknown>).card
  return typeof card === 'object' && card !== null ? (card as Record<string, unknown>) : undefined
}

function captured(value: unknown): value is string {
  return typeof value === 'string' && value !== ''
}

/**
 * The `content` claim of a transient token, as the service's `api-0.1.0` tokens carry it
 * (docs/protocol.md section 6.3): the number masked but for its last four digits with its BIN, the
 * card type code, the expiry as captured, and `securityCode: {}` when one was captured.
 * `undefined` when no card member was captured.
 */
export function buildTokenContent(
  data: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const card = cardOf(data)
  if (card === undefined) return undefined
  const content: Record<string, unknown> = {}
  if (captured(card.number)) {
    const number = card.number
    content.number = {
      maskedValue: maskCardNumber(number),
      bin: number.slice(0, 6),
    }
    const brand = detectCardBrand(number)
    if (brand !== 'unknown') content.type = { value: CARD_BRAND_TYPE_CODES[brand] }
  }
  if (captured(card.expirationMonth)) content.expirationMonth = { value: card.expirationMonth }
  if (captured(card.expirationYear)) content.expirationYear = { value: card.expirationYear }
  if (captured(card.securityCode)) content.securityCode = {}
  return Object.keys(content).length === 0 ? undefined : { paymentInformation: { card: content } }
}

import type { EmulatorState } from './emulator-state.js'
import type { IssuedTokenFacts } from './payment-record.js'
import { cardVerificationResultOf } from './payment-triggers.js'

const stringAt = (data: Record<string, unknown>, group: string, member: string, key: string) => {
  const value = (data[group] as Record<string, Record<string, unknown>> | undefined)?.[member]?.[
    key
  ]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/**
 * What an authorization needs of a token's validated data: never the security code itself, only
 * the verification result it triggers; never the card number.
 */
export function readIssuedTokenFacts(kid: string, data: Record<string, unknown>): IssuedTokenFacts {
  const securityCode = stringAt(data, 'paymentInformation', 'card', 'securityCode')
  const month = stringAt(data, 'paymentInformation', 'card', 'expirationMonth')
  const year = stringAt(data, 'paymentInformation', 'card', 'expirationYear')
  return {
    kid,
    ...(securityCode === undefined ? {} : { cvnResult: cardVerificationResultOf(securityCode) }),
    ...(month === undefined || year === undefined
      ? {}
      : { expiration: { month: Number(month), year: Number(year) } }),
    hasBillingPostalCode: stringAt(data, 'orderInformation', 'billTo', 'postalCode') !== undefined,
  }
}

/** Keeps a token's facts for its `jti`, as many tokens as capture contexts at most. */
export function rememberIssuedToken(
  state: EmulatorState,
  jti: string,
  facts: IssuedTokenFacts,
): void {
  const tokens = state.payments.issuedTokens
  tokens.set(jti, facts)
  for (const oldest of tokens.keys()) {
    if (tokens.size <= state.maxCaptureContexts) break
    tokens.delete(oldest)
  }
}

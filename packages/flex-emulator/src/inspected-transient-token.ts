import type { CardBrand, FlexFieldPath } from 'flex-types'

/** What the emulator received for one transient token: never the full card number. */
export interface InspectedTransientToken {
  /** The token's 64-character id. */
  jti: string
  /** The card number masked (BIN and last four), when one was captured. */
  maskedCard?: {
    bin: string
    lastFour: string
    /** Like `411111XXXXXX1111`. */
    maskedNumber: string
    brand: CardBrand
  }
  /** The field paths the customer data contained. */
  fields: FlexFieldPath[]
  issuedAt: Date
  expiresAt: Date
}

import type { CardBrand } from 'flex-types'

/** What the emulator holds of one payment: amounts as decimal strings, never the full PAN. */
export interface InspectedPayment {
  /** The authorization's id. */
  id: string
  merchantId: string
  /** The authorization's status (`AUTHORIZED`, `DECLINED`, …). */
  authorizationStatus: string
  currency: string
  requestedAmount: string
  authorizedAmount: string
  /** Captured and not voided. */
  capturedAmount: string
  /** Refunded and not voided. */
  refundedAmount: string
  /** Fully reversed. */
  reversed: boolean
  /** Released by full or partial reversals. */
  reversedAmount: string
  voided: boolean
  transactionId?: string
  /** The card the transient token stood for, masked (`411111XXXXXX1111`). */
  card?: { maskedNumber: string; brand: CardBrand }
  /** Every accepted operation, oldest first, with the status it answered. */
  history: {
    type: 'authorization' | 'capture' | 'refund' | 'reversal' | 'void'
    id: string
    status: string
    amount: string
    at: Date
  }[]
}

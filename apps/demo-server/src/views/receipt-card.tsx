import type { FC } from 'hono/jsx'
import { formatMinorUnits } from '../payments/money.js'
import type { Transaction } from '../payments/transaction-store.js'

/** The name a page shows for each card brand of flex-types' `detectCardBrand`. */
export const BRAND_NAMES: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  maestro: 'Maestro',
  unionpay: 'UnionPay',
  unknown: 'Card',
}

// Cybersource's AVS and CVN result codes (sources in docs/protocol.md, section 14.10); any other
// code is shown as it came.
const AVS_RESULTS: Record<string, string> = {
  Y: 'street address and postal code match',
  Z: 'postal code matches, street address does not',
  A: 'street address matches, postal code does not',
  N: 'no match',
  U: 'address not verified',
}

const CVN_RESULTS: Record<string, string> = {
  M: 'matched',
  N: 'not matched',
  D: 'suspicious to the issuing bank',
  I: "failed the processor's data check",
  P: 'not processed',
  S: 'on the card but not sent',
  U: 'not supported by the issuing bank',
  X: 'not supported by the card association',
}

/**
 * A transaction's outcome in a word: approved, declined, or not known.
 *
 * @example
 * ```ts
 * outcomeOf(transaction) // { label: 'Declined', tone: 'bad' }
 * ```
 */
export function outcomeOf(transaction: Transaction): {
  label: string
  tone: 'ok' | 'bad' | 'warn'
} {
  if (transaction.pendingRecovery) return { label: 'No answer', tone: 'warn' }
  if (transaction.status === 'DECLINED' || transaction.status === 'INVALID_REQUEST') {
    return { label: 'Declined', tone: 'bad' }
  }
  if (transaction.status === 'UNKNOWN') return { label: 'No answer', tone: 'warn' }
  if (transaction.status === 'REVERSED' || transaction.status === 'VOIDED') {
    return { label: 'Undone', tone: 'warn' }
  }
  if (transaction.status === 'AUTHORIZED') return { label: 'Approved', tone: 'ok' }
  return { label: transaction.status.replaceAll('_', ' ').toLowerCase(), tone: 'warn' }
}

/**
 * A card's brand and last four, as a receipt prints them.
 *
 * @example
 * ```ts
 * maskedCard({ brand: 'visa', lastFour: '1111' }) // 'Visa •••• 1111'
 * ```
 */
export function maskedCard(card: Transaction['card']): string {
  return card ? `${BRAND_NAMES[card.brand] ?? 'Card'} •••• ${card.lastFour}` : '—'
}

/** An amount in minor units with its currency: `20.01 USD`. */
function money(transaction: Transaction, minor: bigint): string {
  return `${formatMinorUnits(minor, transaction.exponent)} ${transaction.currency}`
}

function code(value: string | undefined, meanings: Record<string, string>): string {
  if (value === undefined) return '—'
  return meanings[value] ? `${value} · ${meanings[value]}` : value
}

/** The receipt of a payment: outcome, reason, approval code, AVS, CVN, amount, card and name. */
export const ReceiptCard: FC<{ transaction: Transaction }> = ({ transaction }) => {
  const outcome = outcomeOf(transaction)
  return (
    <section class="card receipt" aria-labelledby="receipt-title">
      <div class="card-head">
        <h2 id="receipt-title">{transaction.kind === 'sale' ? 'Sale' : 'Authorization'}</h2>
        <span class={`badge badge-${outcome.tone}`}>{outcome.label}</span>
      </div>
      <dl class="facts">
        <div>
          <dt>Amount</dt>
          <dd>{`${transaction.requestedAmount} ${transaction.currency}`}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <code>{transaction.status}</code>
            {transaction.reason ? (
              <span class="until">{`Reason: ${transaction.reason}`}</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Approval code</dt>
          <dd class="mono">{transaction.approvalCode ?? '—'}</dd>
        </div>
        <div>
          <dt>AVS result</dt>
          <dd>{code(transaction.avsCode, AVS_RESULTS)}</dd>
        </div>
        <div>
          <dt>CVN result</dt>
          <dd>{code(transaction.cvnCode, CVN_RESULTS)}</dd>
        </div>
        <div>
          <dt>Card</dt>
          <dd class="mono">{maskedCard(transaction.card)}</dd>
        </div>
        <div>
          <dt>Billing name</dt>
          <dd>{transaction.billingName ?? '—'}</dd>
        </div>
        <div>
          <dt>Authorized · captured · refunded</dt>
          <dd>
            {`${money(transaction, transaction.authorizedMinor)} · ${formatMinorUnits(transaction.capturedMinor, transaction.exponent)} · ${formatMinorUnits(transaction.refundedMinor, transaction.exponent)}`}
          </dd>
        </div>
        <div>
          <dt>Payment id</dt>
          <dd class="mono">{transaction.paymentId ?? '—'}</dd>
        </div>
      </dl>
    </section>
  )
}

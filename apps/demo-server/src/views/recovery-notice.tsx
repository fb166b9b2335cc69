import type { FC } from 'hono/jsx'
import type { Transaction } from '../payments/transaction-store.js'

/**
 * What the recovery call is called on the page.
 *
 * @example
 * ```ts
 * recoveryLabel(transaction) // 'Timeout reversal' after an unanswered authorization
 * ```
 */
export function recoveryLabel(transaction: Transaction): string {
  return transaction.pendingRecovery?.recovery === 'voidAfterTimeout'
    ? 'Timeout void'
    : 'Timeout reversal'
}

/**
 * The timeout path: no answer came, so the payment may exist. It is never sent again; the agent
 * undoes it by its transaction id.
 */
export const RecoveryNotice: FC<{ transaction: Transaction }> = ({ transaction }) => {
  const pending = transaction.pendingRecovery
  if (!pending) return null
  const verb = pending.recovery === 'voidAfterTimeout' ? 'Void' : 'Reverse'
  return (
    <div class="alert alert-warn" role="alert" aria-labelledby="recovery-title">
      <h2 id="recovery-title">{`No answer to the ${pending.of === 'sale' ? 'sale' : pending.of === 'authorize' ? 'authorization' : pending.of}: it may have been made`}</h2>
      <p>
        The request was not sent again: a second one could charge the customer twice.{' '}
        {`${verb} it by its transaction id, then take a new payment if the customer still wants to pay.`}
      </p>
      <p>
        Transaction id: <code>{pending.transactionId}</code>
      </p>
      <p>
        <a class="button button-primary" href={`/transactions/${transaction.id}/recover`}>
          {`${verb} by transaction id…`}
        </a>
      </p>
    </div>
  )
}

import type { FC } from 'hono/jsx'
import { formatMinorUnits } from '../payments/money.js'
import { actionLimit } from '../payments/transaction-actions.js'
import type { Transaction, TransactionAction } from '../payments/transaction-store.js'
import { ACTION_EFFECTS, ACTION_LABELS } from './action-labels.js'
import { Layout, type TargetInfo } from './layout.js'
import { ReceiptCard } from './receipt-card.js'
import { recoveryLabel } from './recovery-notice.js'

interface ConfirmPageProps {
  target: TargetInfo
  transaction: Transaction
  action: TransactionAction
  /** The amount the action moves, or the default of a capture or refund. */
  amount: string
  /** Why the amount typed was refused. */
  problem?: string
}

/** The confirmation step of an action: what it does and to how much, a form that works without JavaScript. */
export const ConfirmPage: FC<ConfirmPageProps> = ({
  target,
  transaction,
  action,
  amount,
  problem,
}) => {
  const label = action === 'recover' ? recoveryLabel(transaction) : ACTION_LABELS[action]
  const partial = action === 'capture' || action === 'refund'
  const limit = formatMinorUnits(actionLimit(transaction, action), transaction.exponent)
  return (
    <Layout title={`Confirm ${label.toLowerCase()}`} target={target} current="transactions">
      <div class="page-head">
        <h1>{`Confirm the ${label.toLowerCase()}`}</h1>
        <p>{ACTION_EFFECTS[action]}</p>
      </div>
      <div class="stack">
        {problem ? (
          <div class="alert alert-error" role="alert" aria-labelledby="problem-title">
            <h2 id="problem-title">Check the amount</h2>
            <ul>
              <li>
                <a href="#field-amount">{problem}</a>
              </li>
            </ul>
          </div>
        ) : null}
        <form class="card" method="post" action={`/transactions/${transaction.id}/${action}`}>
          <div class="card-body">
            <input type="hidden" name="version" value={String(transaction.events.length)} />
            {action === 'recover' && transaction.pendingRecovery ? (
              <p>
                Transaction id <code>{transaction.pendingRecovery.transactionId}</code>
              </p>
            ) : null}
            {partial ? (
              <div class="field field-half">
                <label for="field-amount">{`Amount (${transaction.currency})`}</label>
                <input
                  id="field-amount"
                  name="amount"
                  type="text"
                  inputmode="decimal"
                  autocomplete="off"
                  required
                  value={amount}
                  aria-invalid={problem ? 'true' : undefined}
                  aria-describedby="field-amount-hint"
                />
                <p
                  class="hint"
                  id="field-amount-hint"
                >{`At most ${limit}: lower it for a partial ${action}.`}</p>
              </div>
            ) : (
              <p>{`Amount: ${amount} ${transaction.currency}`}</p>
            )}
          </div>
          <div class="card-foot">
            <a href={`/transactions/${transaction.id}`}>Cancel</a>
            <button class="button button-primary" type="submit">
              {`Confirm ${label.toLowerCase()}`}
            </button>
          </div>
        </form>
        <ReceiptCard transaction={transaction} />
      </div>
    </Layout>
  )
}

import type { FC } from 'hono/jsx'
import { allowedActions } from '../payments/transaction-actions.js'
import type { Transaction } from '../payments/transaction-store.js'
import { ACTION_BUTTONS, ACTION_LABELS, OUTCOME_LABELS } from './action-labels.js'
import { EventResult } from './event-result.js'
import { formatClock } from './format.js'
import { Layout, type TargetInfo } from './layout.js'
import { ReceiptCard } from './receipt-card.js'
import { RecoveryNotice } from './recovery-notice.js'

interface TransactionPageProps {
  target: TargetInfo
  transaction: Transaction
  /** The index of the event to show the result of (the action just taken). */
  shownEvent?: number | undefined
}

/** One transaction: its receipt, the actions its state allows, and its history. */
export const TransactionPage: FC<TransactionPageProps> = ({ target, transaction, shownEvent }) => {
  const actions = allowedActions(transaction).filter((action) => action !== 'recover')
  const event = shownEvent === undefined ? undefined : transaction.events[shownEvent]
  return (
    <Layout title="Transaction" target={target} current="transactions">
      <div class="page-head">
        <h1>{`${transaction.kind === 'sale' ? 'Sale' : 'Authorization'} of ${transaction.requestedAmount} ${transaction.currency}`}</h1>
        <p>
          <a href="/transactions">All transactions</a>
        </p>
      </div>
      <div class="stack">
        {event ? <EventResult transaction={transaction} event={event} /> : null}
        <RecoveryNotice transaction={transaction} />
        <ReceiptCard transaction={transaction} />
        <section class="card" aria-labelledby="actions-title">
          <div class="card-head">
            <h2 id="actions-title">Actions</h2>
          </div>
          <div class="card-body actions">
            {actions.length === 0 ? (
              <p class="muted">
                {transaction.pendingRecovery
                  ? 'Nothing else until the payment that got no answer is undone.'
                  : 'Nothing more can be done with this transaction.'}
              </p>
            ) : (
              actions.map((action) => (
                <a
                  class="button button-secondary"
                  href={`/transactions/${transaction.id}/${action}`}
                >
                  {ACTION_BUTTONS[action]}
                </a>
              ))
            )}
          </div>
        </section>
        <section class="card" aria-labelledby="history-title">
          <div class="card-head">
            <h2 id="history-title">History</h2>
          </div>
          <table class="list">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Action</th>
                <th scope="col">Amount</th>
                <th scope="col">Outcome</th>
                <th scope="col">Status or code</th>
              </tr>
            </thead>
            <tbody>
              {transaction.events.map((entry) => (
                <tr>
                  <td>{formatClock(entry.at)}</td>
                  <td>{ACTION_LABELS[entry.action]}</td>
                  <td>{entry.amount ?? '—'}</td>
                  <td>{OUTCOME_LABELS[entry.outcome]}</td>
                  <td>
                    <code>{entry.status ?? entry.code ?? '—'}</code>
                    {entry.reason ? <span class="muted">{` ${entry.reason}`}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </Layout>
  )
}

import type { FC } from 'hono/jsx'
import type { Transaction } from '../payments/transaction-store.js'
import { formatClock } from './format.js'
import { Layout, type TargetInfo } from './layout.js'
import { maskedCard, outcomeOf } from './receipt-card.js'

/** The payments made through this demo since it started, newest first. */
export const TransactionsPage: FC<{ target: TargetInfo; transactions: readonly Transaction[] }> = ({
  target,
  transactions,
}) => (
  <Layout title="Transactions" target={target} current="transactions">
    <div class="page-head">
      <h1>Transactions</h1>
      <p>
        The payments taken on this terminal since it started, kept in memory (the latest 200). Open
        one to capture, refund, void or reverse it.
      </p>
    </div>
    {transactions.length === 0 ? (
      <div class="card card-body">
        <p>
          No payments yet. <a href="/">Take a payment</a>
        </p>
      </div>
    ) : (
      <div class="card">
        <table class="list">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Type</th>
              <th scope="col">Amount</th>
              <th scope="col">Card</th>
              <th scope="col">Outcome</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {transactions.map((transaction) => {
              const outcome = outcomeOf(transaction)
              return (
                <tr>
                  <td>
                    <a href={`/transactions/${transaction.id}`}>
                      {formatClock(transaction.createdAt)}
                    </a>
                  </td>
                  <td>{transaction.kind === 'sale' ? 'Sale' : 'Authorization'}</td>
                  <td>{`${transaction.requestedAmount} ${transaction.currency}`}</td>
                  <td class="mono">{maskedCard(transaction.card)}</td>
                  <td>
                    <span class={`badge badge-${outcome.tone}`}>{outcome.label}</span>
                  </td>
                  <td>
                    <code>{transaction.status}</code>
                    {transaction.reversed ? ' · reversed' : ''}
                    {transaction.voided ? ' · voided' : ''}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    )}
  </Layout>
)

import type { FC } from 'hono/jsx'
import { hintFor } from '../error-hints.js'
import type { Transaction, TransactionEvent } from '../payments/transaction-store.js'
import { ACTION_LABELS, OUTCOME_LABELS } from './action-labels.js'

const TONES = { done: 'success', declined: 'error', refused: 'error', unknown: 'warn' } as const

/** The result of one action, shown after it ran: its status, or its reason, hint and ids. */
export const EventResult: FC<{ transaction: Transaction; event: TransactionEvent }> = ({
  transaction,
  event,
}) => (
  <div class={`alert alert-${TONES[event.outcome]}`} role="status" aria-labelledby="event-title">
    <h2 id="event-title">
      {`${ACTION_LABELS[event.action]} of ${event.amount ?? ''} ${transaction.currency}: ${OUTCOME_LABELS[event.outcome]}`}
    </h2>
    {event.status ? (
      <p>
        Status <code>{event.status}</code>
        {event.serviceId ? (
          <span>
            {' · id '}
            <code>{event.serviceId}</code>
          </span>
        ) : null}
      </p>
    ) : null}
    {event.reason ? (
      <p>
        Reason <code>{event.reason}</code>
      </p>
    ) : null}
    {event.code ? (
      <p>
        <code>{event.code}</code>
        {` What to do: ${hintFor(event.code)}`}
      </p>
    ) : null}
    {event.correlationId ? (
      <p>
        Correlation id <code>{event.correlationId}</code>
      </p>
    ) : null}
  </div>
)

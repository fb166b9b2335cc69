import type { Context, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { type AppContext, page, readFormPost, refuseUnknownQuery } from './app-context.js'
import type { DemoEnv } from './create-app.js'
import { formatMinorUnits, readMinorUnits } from './payments/money.js'
import { actionLimit, allowedActions, runAction } from './payments/transaction-actions.js'
import {
  MAX_EVENTS_PER_TRANSACTION,
  type Transaction,
  type TransactionAction,
} from './payments/transaction-store.js'
import { ConfirmPage } from './views/confirm-page.js'
import { TransactionPage } from './views/transaction-page.js'
import { TransactionsPage } from './views/transactions-page.js'

const ACTIONS: readonly TransactionAction[] = ['capture', 'refund', 'void', 'reverse', 'recover']

function isAction(value: string): value is TransactionAction {
  return (ACTIONS as readonly string[]).includes(value)
}

/** The amount an action moves when the agent does not choose it. */
function fixedAmount(transaction: Transaction, action: TransactionAction): string {
  const { exponent } = transaction
  if (action === 'recover')
    return transaction.pendingRecovery?.amount ?? transaction.requestedAmount
  if (action === 'void') return formatMinorUnits(transaction.capturedMinor, exponent)
  return formatMinorUnits(actionLimit(transaction, action), exponent)
}

function find(ctx: AppContext, c: Context): Transaction {
  const transaction = ctx.transactions.get(c.req.param('id') ?? '')
  if (!transaction) {
    throw new HTTPException(404, { message: 'This transaction is not kept (any more).' })
  }
  return transaction
}

function readAction(c: Context, transaction: Transaction): TransactionAction {
  const action = c.req.param('action') ?? ''
  if (!isAction(action)) throw new HTTPException(404, { message: 'There is no such action.' })
  if (!allowedActions(transaction).includes(action)) {
    throw new HTTPException(409, {
      message: `A ${action} is not possible in this transaction's state: see what it allows.`,
    })
  }
  return action
}

/** The amount an action moves: the agent's for a capture or a refund, checked; else fixed. */
function readActionAmount(
  transaction: Transaction,
  action: TransactionAction,
  body: Record<string, unknown>,
): { amount: string; minor: bigint } | { problem: string } {
  const partial = action === 'capture' || action === 'refund'
  const typed = typeof body.amount === 'string' ? body.amount.trim() : ''
  const amount = partial ? typed : fixedAmount(transaction, action)
  const read = readMinorUnits(amount, transaction.currency)
  if ('reason' in read) return { problem: `The amount ${read.message}.` }
  const limit = actionLimit(transaction, action)
  if (partial && read.minor > limit) {
    return {
      problem: `The amount must be at most ${formatMinorUnits(limit, transaction.exponent)}.`,
    }
  }
  return { amount, minor: read.minor }
}

async function confirmAction(ctx: AppContext, c: Context<DemoEnv>): Promise<Response> {
  const { deps } = ctx
  const transaction = find(ctx, c)
  const action = readAction(c, transaction)
  const body = await readFormPost(c)
  c.header('cache-control', 'no-store')
  // The page confirmed one state; another tab may have changed it since.
  if (body.version !== String(transaction.events.length)) {
    throw new HTTPException(409, {
      message:
        'This transaction changed since the confirmation was shown: check it and confirm again.',
    })
  }
  if (transaction.busy) {
    throw new HTTPException(409, {
      message: 'An action on this transaction is waiting for its answer: check it in a moment.',
    })
  }
  if (transaction.events.length >= MAX_EVENTS_PER_TRANSACTION) {
    throw new HTTPException(409, {
      message: `This transaction has ${MAX_EVENTS_PER_TRANSACTION} events, the most the demo keeps.`,
    })
  }
  const money = readActionAmount(transaction, action, body)
  if ('problem' in money) {
    const amount = fixedAmount(transaction, action)
    return c.html(
      page(
        <ConfirmPage
          target={deps.target}
          transaction={transaction}
          action={action}
          amount={amount}
          problem={money.problem}
        />,
      ),
      422,
    )
  }
  // No await between the checks above and this claim: a double-click's second POST sees it.
  transaction.busy = true
  let event: Awaited<ReturnType<typeof runAction>>
  try {
    event = await runAction(deps.paymentsClient, transaction, action, money, ctx.now())
  } finally {
    delete transaction.busy
  }
  deps.log({
    level: event.outcome === 'done' || event.outcome === 'declined' ? 'info' : 'warn',
    msg: 'transaction action',
    requestId: c.get('requestId'),
    transaction: transaction.id,
    action,
    outcome: event.outcome,
    status: event.status,
    reason: event.reason,
    code: event.code,
    correlationId: event.correlationId,
    amount: money.amount,
    currency: transaction.currency,
  })
  return c.redirect(`/transactions/${transaction.id}?event=${transaction.events.length - 1}`, 303)
}

/**
 * The transactions pages: the list, one transaction with its history and the actions its state
 * allows, and for each action a confirmation page (`GET`) and the action itself (`POST`, then a
 * redirect to the transaction with the action's result). Works without JavaScript.
 *
 * @example
 * ```ts
 * registerTransactionRoutes(app, { deps, now, transactions, receipts })
 * ```
 */
export function registerTransactionRoutes(app: Hono<DemoEnv>, ctx: AppContext): void {
  const { deps } = ctx

  app.get('/transactions', (c) => {
    refuseUnknownQuery(c, [])
    c.header('cache-control', 'no-store')
    return c.html(
      page(<TransactionsPage target={deps.target} transactions={ctx.transactions.list()} />),
    )
  })

  app.get('/transactions/:id', (c) => {
    const transaction = find(ctx, c)
    refuseUnknownQuery(c, ['event'])
    c.header('cache-control', 'no-store')
    const event = c.req.query('event')
    const index = event === undefined || !/^\d{1,6}$/.test(event) ? undefined : Number(event)
    if (event !== undefined && (index === undefined || index >= transaction.events.length)) {
      throw new HTTPException(400, { message: 'The address names no event of this transaction.' })
    }
    return c.html(
      page(<TransactionPage target={deps.target} transaction={transaction} shownEvent={index} />),
    )
  })

  app.get('/transactions/:id/:action', (c) => {
    const transaction = find(ctx, c)
    const action = readAction(c, transaction)
    refuseUnknownQuery(c, [])
    c.header('cache-control', 'no-store')
    return c.html(
      page(
        <ConfirmPage
          target={deps.target}
          transaction={transaction}
          action={action}
          amount={fixedAmount(transaction, action)}
        />,
      ),
    )
  })

  app.post('/transactions/:id/:action', (c) => confirmAction(ctx, c))
}

import type { Context, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { type AppContext, page, readFormPost } from './app-context.js'
import type { DemoEnv } from './create-app.js'
import { formatMinorUnits, readMinorUnits } from './payments/money.js'
import { actionLimit, allowedActions, runAction } from './payments/transaction-actions.js'
import type { Transaction, TransactionAction } from './payments/transaction-store.js'
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
  const find = (c: Context) => {
    const transaction = ctx.transactions.get(c.req.param('id') ?? '')
    if (!transaction)
      throw new HTTPException(404, { message: 'This transaction is not kept (any more).' })
    return transaction
  }
  const readAction = (c: Context, transaction: Transaction): TransactionAction => {
    const action = c.req.param('action') ?? ''
    if (!isAction(action)) throw new HTTPException(404, { message: 'There is no such action.' })
    if (!allowedActions(transaction).includes(action)) {
      throw new HTTPException(409, {
        message: `A ${action} is not possible in this transaction's state: see what it allows.`,
      })
    }
    return action
  }

  app.get('/transactions', (c) => {
    c.header('cache-control', 'no-store')
    return c.html(
      page(<TransactionsPage target={deps.target} transactions={ctx.transactions.list()} />),
    )
  })

  app.get('/transactions/:id', (c) => {
    const transaction = find(c)
    c.header('cache-control', 'no-store')
    const event = c.req.query('event')
    const index = event === undefined ? undefined : Number(event)
    if (
      index !== undefined &&
      !(Number.isInteger(index) && index >= 0 && index < transaction.events.length)
    ) {
      throw new HTTPException(400, { message: 'The address names no event of this transaction.' })
    }
    return c.html(
      page(<TransactionPage target={deps.target} transaction={transaction} shownEvent={index} />),
    )
  })

  app.get('/transactions/:id/:action', (c) => {
    const transaction = find(c)
    const action = readAction(c, transaction)
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

  app.post('/transactions/:id/:action', async (c) => {
    const transaction = find(c)
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
    let amount = fixedAmount(transaction, action)
    let minor = readMinorUnits(amount, transaction.currency)
    if (action === 'capture' || action === 'refund') {
      amount = typeof body.amount === 'string' ? body.amount.trim() : ''
      minor = readMinorUnits(amount, transaction.currency)
      const limit = actionLimit(transaction, action)
      const problem =
        'reason' in minor
          ? `The amount ${minor.message}.`
          : minor.minor > limit
            ? `The amount must be at most ${formatMinorUnits(limit, transaction.exponent)}.`
            : undefined
      if (problem) {
        return c.html(
          page(
            <ConfirmPage
              target={deps.target}
              transaction={transaction}
              action={action}
              amount={fixedAmount(transaction, action)}
              problem={problem}
            />,
          ),
          422,
        )
      }
    }
    const event = await runAction(
      deps.paymentsClient,
      transaction,
      action,
      { amount, minor: 'minor' in minor ? minor.minor : 0n },
      ctx.now(),
    )
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
      amount,
      currency: transaction.currency,
    })
    return c.redirect(`/transactions/${transaction.id}?event=${transaction.events.length - 1}`, 303)
  })
}

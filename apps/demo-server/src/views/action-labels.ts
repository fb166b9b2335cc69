import type { TransactionAction, TransactionEvent } from '../payments/transaction-store.js'

/** What each action and event is called on the pages. */
export const ACTION_LABELS: Readonly<Record<TransactionEvent['action'], string>> = {
  authorize: 'Authorization',
  sale: 'Sale',
  capture: 'Capture',
  refund: 'Refund',
  void: 'Void',
  reverse: 'Reversal',
  recover: 'Timeout reversal or void',
}

/** The button of each action on a transaction's page. */
export const ACTION_BUTTONS: Readonly<Record<TransactionAction, string>> = {
  capture: 'Capture…',
  refund: 'Refund…',
  void: 'Void…',
  reverse: 'Reverse…',
  recover: 'Undo by transaction id…',
}

/** What an action does, said on its confirmation page. */
export const ACTION_EFFECTS: Readonly<Record<TransactionAction, string>> = {
  capture: 'Captures the authorized money (all of it, or part): the customer is charged.',
  refund: 'Gives captured money back to the customer (all of it, or part).',
  void: 'Cancels the captures that have not settled yet: nothing is charged for them.',
  reverse: 'Releases the whole authorization: the held money is freed at once.',
  recover: 'Undoes the payment that got no answer, by its transaction id: nothing is sent again.',
}

/** How an event went, in words. */
export const OUTCOME_LABELS: Readonly<Record<TransactionEvent['outcome'], string>> = {
  done: 'done',
  declined: 'declined',
  refused: 'refused',
  unknown: 'no answer',
}

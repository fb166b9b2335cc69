import type { PaymentTestTrigger } from 'flex-emulator'
import type { FC } from 'hono/jsx'
import { formatMinorUnits } from '../payments/money.js'

/**
 * Cards the emulator approves (any Luhn-valid number of a known brand is, unless the amount is a
 * trigger): the usual public test numbers, written in groups as printed on a card.
 */
export const TEST_CARDS: readonly { brand: string; number: string }[] = [
  { brand: 'Visa', number: '4111 1111 1111 1111' },
  { brand: 'Visa', number: '4000 0566 5566 5556' },
  { brand: 'Mastercard', number: '5555 5555 5555 4444' },
  { brand: 'American Express', number: '3782 822463 10005' },
]

/** One row of the trigger table, whatever the trigger is keyed on. */
interface TriggerRow {
  send: string
  status: string
  reason: string
  description: string
}

/** A row per trigger by its `on`; a kind this page does not know yet gets a generic row. */
function describeTrigger(trigger: PaymentTestTrigger): TriggerRow {
  const row = {
    status: trigger.status,
    reason: trigger.reason ?? '—',
    description: trigger.description,
  }
  switch (trigger.on) {
    case 'amount':
      return {
        ...row,
        send: `Amount ${formatMinorUnits(BigInt(trigger.minorUnits), 2)}`,
      }
    default: {
      const generic = trigger as unknown as { on: string } & Record<string, unknown>
      const value = generic[generic.on]
      return { ...row, send: `${generic.on} ${typeof value === 'string' ? value : ''}`.trim() }
    }
  }
}

/** The test-card helper of emulator mode: cards that approve, and amounts that do not. */
export const TestCardHelper: FC<{ triggers: readonly PaymentTestTrigger[] }> = ({ triggers }) => (
  <section class="card card-body aside test-cards" aria-labelledby="test-cards-title">
    <h2 id="test-cards-title">Test cards (emulator)</h2>
    <p>
      These cards are approved with any future expiry and any 3-digit security code (4 for American
      Express):
    </p>
    <ul class="plain">
      {TEST_CARDS.map((card) => (
        <li>
          <span class="mono">{card.number}</span> <span class="muted">{card.brand}</span>
        </li>
      ))}
    </ul>
    <p>
      Any other amount is approved. These amounts answer as shown, in any currency by their minor
      units (20.01 USD, 2001 JPY):
    </p>
    <table class="triggers">
      <thead>
        <tr>
          <th scope="col">Send</th>
          <th scope="col">Answer</th>
        </tr>
      </thead>
      <tbody>
        {triggers.map((trigger) => {
          const row = describeTrigger(trigger)
          return (
            <tr>
              <td>{row.send}</td>
              <td>
                <span class="badge">{row.status}</span> <span class="mono">{row.reason}</span>
                <span class="until">{row.description}</span>
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  </section>
)

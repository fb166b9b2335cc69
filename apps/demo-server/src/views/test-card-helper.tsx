import { listTestCards, type PaymentTestTrigger, type TestCard } from 'flex-emulator'
import type { FC } from 'hono/jsx'
import { formatMinorUnits } from '../payments/money.js'

// As printed on the card: American Express 4-6-5, Diners Club's 14 digits 4-6-4, others by four.
function groupDigits(number: string): string {
  if (number.length === 14 || number.length === 15) {
    return `${number.slice(0, 4)} ${number.slice(4, 10)} ${number.slice(10)}`
  }
  return (number.match(/.{1,4}/g) ?? []).join(' ')
}

/**
 * Cards the emulator approves (its `listTestCards()`, one per brand; any Luhn-valid number of a
 * known brand is approved unless the amount is a trigger), written in groups as printed on a card
 * so that no page holds a run of card digits.
 */
export const TEST_CARDS: readonly {
  brand: string
  number: string
  securityCodeLength: TestCard['securityCodeLength']
}[] = listTestCards().map((card) => ({
  brand: card.brandName,
  number: groupDigits(card.number),
  securityCodeLength: card.securityCodeLength,
}))

const EXPIRY = listTestCards()[0]?.expiry.description ?? 'any future month'

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
      These cards are approved with an expiry of {EXPIRY} and a security code of the length shown:
    </p>
    <ul class="plain">
      {TEST_CARDS.map((card) => (
        <li>
          <span class="mono">{card.number}</span> <span class="muted">{card.brand}</span>{' '}
          <span class="muted">({card.securityCodeLength}-digit code)</span>
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

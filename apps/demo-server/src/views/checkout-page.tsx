import type { FC } from 'hono/jsx'
import type { Checkout, CheckoutCustomer } from '../checkout-flow.js'
import type { DescribedError } from '../describe-error.js'
import { expiryYears } from '../field-catalog.js'
import type { FlowStep } from '../tokenization-report.js'
import { formatClock } from './format.js'
import { Layout, type TargetInfo } from './layout.js'
import { StepFailure } from './step-failure.js'

/** What the checkout page shows: the order, the hosted card fields, and a failure if any. */
export interface CheckoutPageProps {
  target: TargetInfo
  checkout: Checkout
  customer?: CheckoutCustomer
  failure?: { step: FlowStep; error: DescribedError }
  now: Date
}

const MONTHS = Array.from({ length: 12 }, (_, index) => String(index + 1).padStart(2, '0'))

/** The hosted number and security code fields, the expiry selects and the customer's name. */
const CardFields: FC<{ customer: CheckoutCustomer | undefined; now: Date }> = ({
  customer,
  now,
}) => (
  <div class="grid">
    <div class="field">
      <span class="label" id="number-label">
        Card number
      </span>
      <div id="number-container" class="hosted-field" />
    </div>
    <div class="field field-third">
      <label for="expiration-month">Expiry month</label>
      <select id="expiration-month" required>
        {MONTHS.map((month) => (
          <option value={month}>{month}</option>
        ))}
      </select>
    </div>
    <div class="field field-third">
      <label for="expiration-year">Expiry year</label>
      <select id="expiration-year" required>
        {expiryYears(now).map((year) => (
          <option value={year.value}>{year.label}</option>
        ))}
      </select>
    </div>
    <div class="field field-third">
      <span class="label" id="securityCode-label">
        Security code
      </span>
      <div id="securityCode-container" class="hosted-field" />
    </div>
    <div class="field field-half">
      <label for="first-name">
        First name <span class="optional">(optional)</span>
      </label>
      <input id="first-name" name="firstName" value={customer?.firstName ?? ''} />
    </div>
    <div class="field field-half">
      <label for="last-name">
        Last name <span class="optional">(optional)</span>
      </label>
      <input id="last-name" name="lastName" value={customer?.lastName ?? ''} />
    </div>
  </div>
)

/** The order's total and how the page pays. */
const OrderAside: FC<{ total: string }> = ({ total }) => (
  <aside class="card aside">
    <div class="card-body">
      <h2>Your order</h2>
      <p class="order-total">{total}</p>
      <h2>How this page pays</h2>
      <ol class="steps-mini">
        <li>The server created a Microform session for this page's origin and verified it.</li>
        <li>The browser checked the library against its integrity value before running it.</li>
        <li>The card fields encrypt the card and return a transient token.</li>
        <li>The server verifies the token and pays with it.</li>
      </ol>
    </div>
  </aside>
)

/**
 * The customer checkout: the card number and security code are Microform's iframes (the library
 * loaded with its SRI value), the rest is the merchant's page. Only the capture context JWT, the
 * library URL and its integrity reach the page; `/assets/checkout.js` does the rest.
 */
export const CheckoutPage: FC<CheckoutPageProps> = ({
  target,
  checkout,
  customer,
  failure,
  now,
}) => {
  const { library, order } = checkout
  const total = `${order.amount} ${order.currency}`
  return (
    <Layout
      title="Checkout"
      target={target}
      current="checkout"
      footnote="The card number and security code are typed into Microform's fields, served by Flex on its own origin: this page and this server never see them, only the transient token that pays."
      head={
        <>
          <link rel="stylesheet" href="/assets/checkout.css" />
          <script src={library.url} integrity={library.integrity} crossorigin="anonymous" defer />
          <script src="/assets/checkout.js" defer />
        </>
      }
    >
      <div class="page-head">
        <h1>Checkout</h1>
        <p>{`Pay ${total} by card. The card fields belong to Cybersource Flex, not to this page.`}</p>
      </div>
      <div class="layout">
        <form
          id="checkout-form"
          class="card"
          method="post"
          action={`/checkout/${checkout.id}`}
          data-capture-context={checkout.captureContext.jwt}
          data-state="loading"
          novalidate
        >
          <div class="card-head">
            <h2>Card details</h2>
            <span id="card-brand" class="muted" aria-live="polite" />
          </div>
          <div class="card-body">
            {failure ? (
              <div class="notice">
                <StepFailure
                  failure={{
                    outcome: 'failed',
                    steps: [],
                    failedStep: failure.step,
                    error: failure.error,
                  }}
                />
              </div>
            ) : null}
            <p id="checkout-status" class="alert alert-error notice" role="alert" hidden />
            <noscript>
              <p class="alert alert-error notice">
                The card fields are Microform's and need JavaScript: turn it on, or use the virtual
                terminal.
              </p>
            </noscript>
            <CardFields customer={customer} now={now} />
            <input type="hidden" name="transientToken" value="" />
          </div>
          <div class="card-foot">
            <p class="secure-note">{`Checkout open until ${formatClock(checkout.facts.expiresAt)}`}</p>
            <button id="pay-button" class="button button-primary" type="submit" disabled>
              {`Pay ${total}`}
            </button>
          </div>
        </form>
        <OrderAside total={total} />
      </div>
    </Layout>
  )
}

import type { FC } from 'hono/jsx'
import { FIELD_CATALOG } from '../field-catalog.js'
import type { Transaction } from '../payments/transaction-store.js'
import {
  type CaptureContextFacts,
  FLOW_STEPS,
  type FlowStep,
  type TokenizationReport,
} from '../tokenization-report.js'
import { formatClock, formatDuration, formatTimeLeft } from './format.js'
import { Layout, type TargetInfo } from './layout.js'
import { BRAND_NAMES, outcomeOf, ReceiptCard } from './receipt-card.js'
import { RecoveryNotice } from './recovery-notice.js'

type Finished = Extract<TokenizationReport, { outcome: 'tokenized' }>

const Countdown: FC<{ expiresAt: Date; now: Date }> = ({ expiresAt, now }) => (
  <span>
    <time
      class="countdown"
      datetime={expiresAt.toISOString()}
      data-expires-at={expiresAt.toISOString()}
    >
      {formatTimeLeft(expiresAt, now)}
    </time>{' '}
    left <span class="until">{`until ${formatClock(expiresAt)}`}</span>
  </span>
)

function labelsOf(paths: readonly string[]): string {
  if (paths.length === 0) return 'none'
  return paths
    .map((path) => FIELD_CATALOG[path as keyof typeof FIELD_CATALOG]?.longLabel ?? path)
    .join(', ')
}

function stepDetails(
  step: FlowStep,
  report: Finished,
  context: CaptureContextFacts | undefined,
  now: Date,
): (string | ReturnType<typeof Countdown>)[] {
  if (step === 'session') {
    return context ? [`Capture context issued at ${formatClock(context.issuedAt)}`] : []
  }
  if (step === 'verify-capture-context' && context) {
    return [
      `Signed by key ${context.kid} · type ${context.type} · RS256`,
      `Required: ${labelsOf(context.requiredFields)}`,
      `Optional: ${labelsOf(context.optionalFields)}`,
      <span>
        {'Usable for '}
        <Countdown expiresAt={context.expiresAt} now={now} />
      </span>,
    ]
  }
  if (step === 'encrypt' && report.encryption) {
    const { algorithm, encryption, keyId, size } = report.encryption
    return [`JWE ${algorithm} + ${encryption} to one-time key ${keyId} · ${size} bytes`]
  }
  if (step === 'tokenize') return [`Posted to ${context?.tokensOrigin ?? 'Flex'}/flex/v2/tokens`]
  if (step === 'verify-transient-token') {
    return [`Issuer ${report.token.issuer} · signed with the capture context's one-time key`]
  }
  if (step === 'pay')
    return ['Sent with the verified transient token (flex-payments): the outcome is above']
  return []
}

/** What the receipt page shows: the report of one submission and the payment it made. */
export interface ResultPageProps {
  target: TargetInfo
  /** The field selection of the form, as its query string (for "New payment"). */
  query: string
  report: Finished
  transaction?: Transaction | undefined
  now: Date
  /** Paid from the customer checkout: the browser encrypted and tokenized (Microform). */
  checkout?: boolean
}

// In the customer checkout these steps run in Microform's fields, not on this server.
const BROWSER_STEPS: readonly FlowStep[] = ['encrypt', 'tokenize']

function headingOf(transaction: Transaction | undefined): string {
  if (!transaction) return 'Card tokenized'
  const { label } = outcomeOf(transaction)
  if (label === 'No answer') return 'No answer: the payment may have been made'
  return `${transaction.kind === 'sale' ? 'Sale' : 'Authorization'} ${label.toLowerCase()}`
}

const TokenCard: FC<{ report: Finished; now: Date }> = ({ report, now }) => (
  <section class="card" aria-labelledby="token-title">
    <div class="card-head">
      <h2 id="token-title">Transient token</h2>
      <span class="muted">{report.token.type}</span>
    </div>
    <dl class="facts">
      <div>
        <dt>Token id</dt>
        <dd class="mono">{report.token.shortId}</dd>
      </div>
      <div>
        <dt>Expires in</dt>
        <dd>
          <Countdown expiresAt={report.token.expiresAt} now={now} />
        </dd>
      </div>
      {report.keyedCard ? (
        <div>
          <dt>Card keyed</dt>
          <dd>
            {`${BRAND_NAMES[report.keyedCard.brand] ?? 'Card'} `}
            <span class="mono">{`•••• ${report.keyedCard.maskedNumber.slice(-4)}`}</span>
          </dd>
        </div>
      ) : null}
      {report.emulatorRecord ? (
        <div>
          <dt>Emulator's record</dt>
          <dd>
            <span class="mono">{report.emulatorRecord.maskedNumber ?? 'no card'}</span>
            {report.emulatorRecord.brand ? (
              <span class="muted">
                {` · ${BRAND_NAMES[report.emulatorRecord.brand] ?? report.emulatorRecord.brand}`}
              </span>
            ) : null}
            <span class="until">{`${report.emulatorRecord.fields.length} fields received`}</span>
          </dd>
        </div>
      ) : null}
    </dl>
  </section>
)

const FlowTimeline: FC<{ report: Finished; now: Date; checkout: boolean | undefined }> = ({
  report,
  now,
  checkout,
}) => {
  const context = report.captureContext
  const ran = new Map(report.steps.map((step) => [step.step, step]))
  const total = report.steps.reduce((sum, step) => sum + step.durationMs, 0)
  return (
    <section class="card" aria-labelledby="flow-title">
      <div class="card-head">
        <h2 id="flow-title">Flow</h2>
        <span class="total">{`Total ${formatDuration(total)}`}</span>
      </div>
      <ol class="timeline">
        {(Object.keys(FLOW_STEPS) as FlowStep[]).map((name) => {
          const step = ran.get(name)
          const inBrowser = checkout === true && BROWSER_STEPS.includes(name)
          const status =
            step === undefined ? (inBrowser ? 'ok' : 'skipped') : step.ok ? 'ok' : 'failed'
          return (
            <li>
              <span class={`status status-${status}`} aria-hidden="true">
                {status === 'ok' ? '✓' : status === 'failed' ? '✕' : '–'}
              </span>
              <div>
                <p class="step-name">
                  {FLOW_STEPS[name]}
                  <span class="muted">
                    {status === 'ok' ? '' : status === 'failed' ? ' · failed' : ' · not run'}
                  </span>
                </p>
                {inBrowser ? (
                  <p class="step-detail">In the customer's browser, by Microform's card fields</p>
                ) : step?.ok ? (
                  stepDetails(name, report, context, now).map((detail) => (
                    <p class="step-detail">{detail}</p>
                  ))
                ) : null}
              </div>
              <span class="duration">{step ? formatDuration(step.durationMs) : '—'}</span>
            </li>
          )
        })}
      </ol>
    </section>
  )
}

/** The receipt of one submission: the payment, then each step with its timing. */
export const ResultPage: FC<ResultPageProps> = ({
  target,
  query,
  report,
  transaction,
  now,
  checkout,
}) => {
  const heading = headingOf(transaction)
  return (
    <Layout
      title={heading}
      target={target}
      current={checkout ? 'checkout' : 'terminal'}
      countdown={true}
    >
      <div class="page-head">
        <h1>{heading}</h1>
        <p>
          {!transaction
            ? 'No amount was collected, so nothing was charged: the transient token stands in for the card for 15 minutes.'
            : transaction.pendingRecovery
              ? 'The payment was sent with the verified transient token, and no answer came back.'
              : 'The verified transient token paid in place of the card; the card data was not kept.'}
        </p>
      </div>
      <div class="stack">
        {transaction ? <RecoveryNotice transaction={transaction} /> : null}
        {transaction ? <ReceiptCard transaction={transaction} /> : null}
        {transaction ? (
          <p>
            <a class="button button-secondary" href={`/transactions/${transaction.id}`}>
              Open the transaction: capture, refund, void
            </a>
          </p>
        ) : null}
        <div class="alert alert-success" role="status">
          <h2>Verified transient token</h2>
          <p>Signature, issuer and expiry checked against the capture context.</p>
        </div>
        <TokenCard report={report} now={now} />
        <FlowTimeline report={report} now={now} checkout={checkout} />
        <p>
          <a class="button button-primary" href={checkout ? '/checkout' : `/?${query}`}>
            {checkout ? 'New checkout' : 'New payment'}
          </a>
        </p>
      </div>
    </Layout>
  )
}

import type { FC } from 'hono/jsx'
import { FIELD_CATALOG } from '../field-catalog.js'
import { type FieldSelection, fieldSelectionQuery } from '../field-selection.js'
import {
  type CaptureContextFacts,
  FLOW_STEPS,
  type FlowStep,
  type TokenizationReport,
} from '../run-tokenization-flow.js'
import { formatClock, formatDuration, formatTimeLeft } from './format.js'
import { Layout, type TargetInfo } from './layout.js'

type Finished = Exclude<TokenizationReport, { outcome: 'invalid' }>

const BRAND_NAMES: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  maestro: 'Maestro',
  unionpay: 'UnionPay',
  unknown: 'Card',
}

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
  if (report.outcome !== 'tokenized') return []
  if (step === 'tokenize') return [`Posted to ${context?.tokensOrigin ?? 'Flex'}/flex/v2/tokens`]
  if (step === 'verify-transient-token') {
    return [`Issuer ${report.token.issuer} · signed with the capture context's one-time key`]
  }
  return []
}

/** What the result page shows: the report of one submission. */
export interface ResultPageProps {
  target: TargetInfo
  selection: FieldSelection
  report: Finished
  now: Date
}

/** The outcome of one submission: each step with its timing and the token's safe facts. */
export const ResultPage: FC<ResultPageProps> = ({ target, selection, report, now }) => {
  const context = report.captureContext
  const ran = new Map(report.steps.map((step) => [step.step, step]))
  const total = report.steps.reduce((sum, step) => sum + step.durationMs, 0)
  const tokenized = report.outcome === 'tokenized' ? report : undefined
  return (
    <Layout
      title={tokenized ? 'Card tokenized' : 'Tokenization failed'}
      target={target}
      current="terminal"
      countdown={true}
    >
      <div class="page-head">
        <h1>{tokenized ? 'Card tokenized' : 'Tokenization failed'}</h1>
        <p>
          {tokenized
            ? 'The transient token stands in for the card in the payment request for 15 minutes.'
            : 'Nothing was charged. The card data was not stored.'}
        </p>
      </div>
      <div class="stack">
        {report.outcome === 'failed' ? (
          <div class="alert alert-error" role="alert">
            <h2>{`${FLOW_STEPS[report.failedStep]} failed`}</h2>
            <p>
              <code>{report.error.code}</code> {report.error.message}
            </p>
          </div>
        ) : (
          <div class="alert alert-success" role="status">
            <h2>Verified transient token</h2>
            <p>Signature, issuer and expiry checked against the capture context.</p>
          </div>
        )}
        {tokenized ? (
          <section class="card" aria-labelledby="token-title">
            <div class="card-head">
              <h2 id="token-title">Transient token</h2>
              <span class="muted">{tokenized.token.type}</span>
            </div>
            <dl class="facts">
              <div>
                <dt>Token id</dt>
                <dd class="mono">{tokenized.token.shortId}</dd>
              </div>
              <div>
                <dt>Expires in</dt>
                <dd>
                  <Countdown expiresAt={tokenized.token.expiresAt} now={now} />
                </dd>
              </div>
              {tokenized.keyedCard ? (
                <div>
                  <dt>Card keyed</dt>
                  <dd>
                    {`${BRAND_NAMES[tokenized.keyedCard.brand] ?? 'Card'} `}
                    <span class="mono">{`•••• ${tokenized.keyedCard.maskedNumber.slice(-4)}`}</span>
                  </dd>
                </div>
              ) : null}
              {tokenized.emulatorRecord ? (
                <div>
                  <dt>Emulator's record</dt>
                  <dd>
                    <span class="mono">{tokenized.emulatorRecord.maskedNumber ?? 'no card'}</span>
                    {tokenized.emulatorRecord.brand ? (
                      <span class="muted">
                        {` · ${BRAND_NAMES[tokenized.emulatorRecord.brand] ?? tokenized.emulatorRecord.brand}`}
                      </span>
                    ) : null}
                    <span class="until">{`${tokenized.emulatorRecord.fields.length} fields received`}</span>
                  </dd>
                </div>
              ) : null}
            </dl>
          </section>
        ) : null}
        <section class="card" aria-labelledby="flow-title">
          <div class="card-head">
            <h2 id="flow-title">Flow</h2>
            <span class="total">{`Total ${formatDuration(total)}`}</span>
          </div>
          <ol class="timeline">
            {(Object.keys(FLOW_STEPS) as FlowStep[]).map((name) => {
              const step = ran.get(name)
              const status = step === undefined ? 'skipped' : step.ok ? 'ok' : 'failed'
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
                    {step?.ok
                      ? stepDetails(name, report, context, now).map((detail) => (
                          <p class="step-detail">{detail}</p>
                        ))
                      : null}
                  </div>
                  <span class="duration">{step ? formatDuration(step.durationMs) : '—'}</span>
                </li>
              )
            })}
          </ol>
        </section>
        <p>
          <a class="button button-primary" href={`/?${fieldSelectionQuery(selection)}`}>
            New payment
          </a>
        </p>
      </div>
    </Layout>
  )
}

import type { FC } from 'hono/jsx'
import { hintFor } from '../error-hints.js'
import { FLOW_STEPS, type TokenizationReport } from '../tokenization-report.js'

const REFUSALS = new Set([
  'ERR_FLEX_REQUEST_INVALID',
  'ERR_FLEX_AUTHENTICATION',
  'ERR_FLEX_RATE_LIMITED',
  'ERR_FLEX_DATA_INVALID',
])

/** A failed step of the flow on the form: the step, the code, its hint and the correlation id. */
export const StepFailure: FC<{ failure: Extract<TokenizationReport, { outcome: 'failed' }> }> = ({
  failure,
}) => (
  <div class="alert alert-error" role="alert" aria-labelledby="failure-title">
    <h2 id="failure-title">
      {`${FLOW_STEPS[failure.failedStep]} failed: ${
        failure.failedStep !== 'pay' || REFUSALS.has(failure.error.code)
          ? 'nothing was charged'
          : 'the payment may have been made, look it up before trying again'
      }`}
    </h2>
    <p>
      <code>{failure.error.code}</code> {failure.error.message}
    </p>
    {failure.error.reason ? (
      <p>
        Reason: <code>{failure.error.reason}</code>
      </p>
    ) : null}
    <p class="hint-line">{`What to do: ${hintFor(failure.error.code)}`}</p>
    {failure.error.correlationId ? (
      <p>
        Correlation id: <code>{failure.error.correlationId}</code>
      </p>
    ) : null}
    <p>The details are kept below, except the card number and security code: key them in again.</p>
  </div>
)

import type { PaymentTestTrigger } from 'flex-emulator'
import type { FlexFieldIssue, FlexFieldPath } from 'flex-types'
import type { FC } from 'hono/jsx'
import { FIELD_CATALOG, FIELD_GROUPS } from '../field-catalog.js'
import { type FieldSelection, fieldSelectionQuery, selectedFields } from '../field-selection.js'
import type { TokenizationReport } from '../tokenization-report.js'
import { describeIssue, Field, fieldId } from './form-field.js'
import { Layout, type TargetInfo } from './layout.js'
import { StepFailure } from './step-failure.js'
import { TestCardHelper } from './test-card-helper.js'

/** Authorize only (capture later), or a sale (authorize and capture at once). */
export type PaymentIntent = 'authorize' | 'sale'

/** What the terminal form shows: the selection, and after a failed submission what went wrong. */
export interface TerminalPageProps {
  target: TargetInfo
  selection: FieldSelection
  now: Date
  /** The form's reference (`newFormReference`): posted back, saved with its capture contexts. */
  reference: string
  /** Values to put back after a failed submission; card number and security code never are. */
  values?: ReadonlyMap<FlexFieldPath, string>
  intent?: PaymentIntent
  /** Field issues, in form order. */
  issues?: readonly FlexFieldIssue[]
  /** A step of the flow that failed. */
  failure?: Extract<TokenizationReport, { outcome: 'failed' }>
  /** The emulator's trigger table: shown (with test cards) in emulator mode only. */
  testTriggers?: readonly PaymentTestTrigger[] | undefined
}

const ErrorSummary: FC<{ issues: readonly FlexFieldIssue[]; fields: FlexFieldPath[] }> = ({
  issues,
  fields,
}) => (
  <div class="alert alert-error" role="alert" aria-labelledby="error-summary-title">
    <h2 id="error-summary-title">Check the highlighted fields</h2>
    <ul>
      {issues.map((issue) => {
        const info = FIELD_CATALOG[issue.path as FlexFieldPath]
        return info && fields.includes(info.path) ? (
          <li>
            <a href={`#${fieldId(info.path)}`}>{describeIssue(info.longLabel, issue.message)}</a>
          </li>
        ) : (
          <li>{describeIssue(info?.longLabel ?? issue.path, issue.message)}</li>
        )
      })}
    </ul>
  </div>
)

/** Sale (authorize and capture now) or Authorize (capture later). */
const IntentChoice: FC<{ intent: PaymentIntent }> = ({ intent }) => (
  <fieldset class="intent">
    <legend>Payment</legend>
    <label class="choice">
      <input type="radio" name="intent" value="sale" checked={intent === 'sale'} />
      Sale <span class="muted">authorize and capture now</span>
    </label>
    <label class="choice">
      <input type="radio" name="intent" value="authorize" checked={intent === 'authorize'} />
      Authorize <span class="muted">capture later</span>
    </label>
  </fieldset>
)

/** The fields the form collects, the link to change them, and what happens on submit. */
const CollectedFields: FC<{
  fields: FlexFieldPath[]
  selection: FieldSelection
  query: string
  pays: boolean
}> = ({ fields, selection, query, pays }) => (
  <aside class="card card-body aside" aria-labelledby="collected-title">
    <h2 id="collected-title">Collected fields</h2>
    <ul class="chips">
      {fields.map((path) => (
        <li class={`chip${selection.required.includes(path) ? ' chip-required' : ''}`}>
          {`${FIELD_CATALOG[path].longLabel}${selection.required.includes(path) ? '' : ' · optional'}`}
        </li>
      ))}
    </ul>
    <p>
      <a href={`/fields?${query}`}>Change fields</a>
    </p>
    <h2>What happens on submit</h2>
    <ol class="steps-mini">
      <li>A Flex session names these fields</li>
      <li>Its capture context is verified</li>
      <li>The data is validated and encrypted</li>
      <li>Flex returns a transient token, which is verified</li>
      <li>{pays ? 'The token pays: the receipt follows' : 'No amount: nothing is charged'}</li>
    </ol>
  </aside>
)

/** The virtual-terminal form for exactly the selected fields, and Authorize or Sale. */
export const TerminalPage: FC<TerminalPageProps> = ({
  target,
  selection,
  now,
  reference,
  values = new Map(),
  intent = 'sale',
  issues = [],
  failure,
  testTriggers,
}) => {
  const fields = selectedFields(selection)
  const groups = Object.entries(FIELD_GROUPS)
    .map(([group, title]) => ({
      title,
      fields: fields.filter((path) => FIELD_CATALOG[path].group === group),
    }))
    .filter((group) => group.fields.length > 0)
  const issueOf = (path: FlexFieldPath) => issues.find((issue) => issue.path === path)
  const query = fieldSelectionQuery(selection)
  const pays =
    fields.includes('orderInformation.amountDetails.totalAmount') &&
    fields.includes('orderInformation.amountDetails.currency')
  return (
    <Layout
      title={issues.length > 0 || failure ? 'Check the details' : 'New payment'}
      target={target}
      current="terminal"
    >
      <div class="page-head">
        <h1>New card payment</h1>
        <p>Key in the card details the customer reads out over the phone.</p>
      </div>
      <div class="layout">
        <div class="stack">
          {issues.length > 0 ? <ErrorSummary issues={issues} fields={fields} /> : null}
          {failure ? <StepFailure failure={failure} /> : null}
          <form class="card" method="post" action={`/payments?${query}`}>
            <input type="hidden" name="reference" value={reference} />
            <div class="card-head">
              <h2>Payment details</h2>
              <span class="muted">{`${fields.length} fields`}</span>
            </div>
            <div class="card-body">
              {groups.map((group) => (
                <fieldset>
                  <legend>{group.title}</legend>
                  <div class="grid">
                    {group.fields.map((path) => (
                      <Field
                        info={FIELD_CATALOG[path]}
                        required={selection.required.includes(path)}
                        value={values.get(path) ?? ''}
                        error={issueOf(path)}
                        now={now}
                      />
                    ))}
                  </div>
                </fieldset>
              ))}
              {pays ? <IntentChoice intent={intent} /> : null}
            </div>
            <div class="card-foot">
              <p class="secure-note">Encrypted on this server to a one-time Flex key.</p>
              <button class="button button-primary" type="submit">
                {pays ? 'Take payment' : 'Tokenize card'}
              </button>
            </div>
          </form>
        </div>
        <div class="stack">
          <CollectedFields fields={fields} selection={selection} query={query} pays={pays} />
          {testTriggers ? <TestCardHelper triggers={testTriggers} /> : null}
        </div>
      </div>
    </Layout>
  )
}

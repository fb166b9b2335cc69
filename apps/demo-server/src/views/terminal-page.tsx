import type { FlexFieldIssue, FlexFieldPath } from 'flex-types'
import type { FC } from 'hono/jsx'
import { expiryYears, FIELD_CATALOG, FIELD_GROUPS, type FieldInfo } from '../field-catalog.js'
import { type FieldSelection, fieldSelectionQuery, selectedFields } from '../field-selection.js'
import { Layout, type TargetInfo } from './layout.js'

/** The HTML id of a field's control. */
function fieldId(path: FlexFieldPath): string {
  return `field-${path.replaceAll('.', '-')}`
}

/** A sentence for one issue: the field's label, then the rule it broke. */
function describeIssue(label: string, message: string): string {
  return /^(is|must|are) /.test(message) ? `${label} ${message}` : `${label}: ${message}`
}

interface FieldProps {
  info: FieldInfo
  required: boolean
  value: string
  error: FlexFieldIssue | undefined
  now: Date
}

const Field: FC<FieldProps> = ({ info, required, value, error, now }) => {
  const id = fieldId(info.path)
  const describedBy = [info.hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ')
  const common = {
    id,
    name: info.path,
    required,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': describedBy || undefined,
  }
  const choices = info.path.endsWith('expirationYear') ? expiryYears(now) : (info.choices ?? [])
  return (
    <div class={`field field-${info.width}`}>
      <label for={id}>
        {info.label}
        {required ? null : <span class="optional"> (optional)</span>}
      </label>
      {info.control === 'select' ? (
        <select {...common}>
          <option value="">{required ? 'Select…' : 'Not given'}</option>
          {choices.map((choice) => (
            <option value={choice.value} selected={choice.value === value}>
              {choice.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={info.control}
          class={info.sensitive ? 'mono' : undefined}
          value={info.sensitive ? undefined : value}
          inputmode={info.inputMode}
          autocomplete={info.autocomplete}
          maxlength={info.maxLength}
          spellcheck={false}
        />
      )}
      {info.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {info.hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {describeIssue(info.label, error.message)}
        </p>
      ) : null}
    </div>
  )
}

/** What the terminal form shows: the selection, and after a failed submission its issues. */
export interface TerminalPageProps {
  target: TargetInfo
  selection: FieldSelection
  now: Date
  /** Values to put back after a failed submission; card number and security code never are. */
  values?: ReadonlyMap<FlexFieldPath, string>
  issues?: readonly FlexFieldIssue[]
}

/** The virtual-terminal form for exactly the selected fields. */
export const TerminalPage: FC<TerminalPageProps> = ({
  target,
  selection,
  now,
  values = new Map(),
  issues = [],
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
  return (
    <Layout
      title={issues.length > 0 ? 'Check the details' : 'New payment'}
      target={target}
      current="terminal"
    >
      <div class="page-head">
        <h1>New card payment</h1>
        <p>Key in the card details the customer reads out over the phone.</p>
      </div>
      <div class="layout">
        <div class="stack">
          {issues.length > 0 ? (
            <div class="alert alert-error" role="alert" aria-labelledby="error-summary-title">
              <h2 id="error-summary-title">Check the highlighted fields</h2>
              <ul>
                {issues.map((issue) => {
                  const info = FIELD_CATALOG[issue.path as FlexFieldPath]
                  return info && fields.includes(info.path) ? (
                    <li>
                      <a href={`#${fieldId(info.path)}`}>
                        {describeIssue(info.longLabel, issue.message)}
                      </a>
                    </li>
                  ) : (
                    <li>{describeIssue(info?.longLabel ?? issue.path, issue.message)}</li>
                  )
                })}
              </ul>
            </div>
          ) : null}
          <form class="card" method="post" action={`/tokenize?${query}`}>
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
            </div>
            <div class="card-foot">
              <p class="secure-note">Encrypted on this server to a one-time Flex key.</p>
              <button class="button button-primary" type="submit">
                Tokenize card
              </button>
            </div>
          </form>
        </div>
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
            <li>Flex returns a transient token</li>
            <li>The token is verified</li>
          </ol>
        </aside>
      </div>
    </Layout>
  )
}

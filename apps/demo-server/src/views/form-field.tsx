import type { FlexFieldIssue, FlexFieldPath } from 'flex-types'
import type { FC } from 'hono/jsx'
import { expiryYears, type FieldInfo } from '../field-catalog.js'

/** The HTML id of a field's control. */
export function fieldId(path: FlexFieldPath): string {
  return `field-${path.replaceAll('.', '-')}`
}

/** A sentence for one issue: the field's label, then the rule it broke. */
export function describeIssue(label: string, message: string): string {
  return /^(is|must|are) /.test(message) ? `${label} ${message}` : `${label}: ${message}`
}

interface FieldProps {
  info: FieldInfo
  required: boolean
  value: string
  error: FlexFieldIssue | undefined
  now: Date
}

/** One labelled control of the form, with its hint and its error. */
export const Field: FC<FieldProps> = ({ info, required, value, error, now }) => {
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

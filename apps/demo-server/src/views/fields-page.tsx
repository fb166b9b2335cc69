import { FLEX_FIELD_PATHS } from 'flex-types'
import type { FC } from 'hono/jsx'
import { FIELD_CATALOG, FIELD_GROUPS } from '../field-catalog.js'
import { choiceOf, type FieldSelection } from '../field-selection.js'
import { Layout, type TargetInfo } from './layout.js'

/** What the field picker shows: the current selection, and problems with a submitted one. */
export interface FieldsPageProps {
  target: TargetInfo
  selection: FieldSelection
  problems?: readonly string[]
}

const CHOICE_LABELS = { required: 'Required', optional: 'Optional', off: 'Not collected' } as const

/** The merchant's field picker: each of the 31 Flex fields required, optional or not collected. */
export const FieldsPage: FC<FieldsPageProps> = ({ target, selection, problems = [] }) => {
  const paths = [...FLEX_FIELD_PATHS].sort(
    (left, right) => FIELD_CATALOG[left].order - FIELD_CATALOG[right].order,
  )
  return (
    <Layout title="Fields" target={target} current="fields">
      <div class="page-head">
        <h1>Fields to collect</h1>
        <p>
          Choose what the payment form asks for. The session names exactly these fields, and Flex
          refuses data outside them.
        </p>
      </div>
      <div class="stack">
        {problems.length > 0 ? (
          <div class="alert alert-error" role="alert" aria-labelledby="problems-title">
            <h2 id="problems-title">The field selection is not valid</h2>
            <ul>
              {problems.map((problem) => (
                <li>{problem}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <form class="card" method="get" action="/">
          <table class="picker">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Collect</th>
              </tr>
            </thead>
            {Object.entries(FIELD_GROUPS).map(([group, title]) => (
              <tbody>
                <tr class="group">
                  <th scope="rowgroup" colspan={2}>
                    {title}
                  </th>
                </tr>
                {paths
                  .filter((path) => FIELD_CATALOG[path].group === group)
                  .map((path) => {
                    const id = `choice-${path.replaceAll('.', '-')}`
                    const choice = choiceOf(selection, path)
                    return (
                      <tr>
                        <th scope="row">
                          <label for={id}>
                            {FIELD_CATALOG[path].label}
                            <span class="path">{path}</span>
                          </label>
                        </th>
                        <td>
                          <select id={id} name={path}>
                            {(['required', 'optional', 'off'] as const).map((value) => (
                              <option value={value} selected={value === choice}>
                                {CHOICE_LABELS[value]}
                              </option>
                            ))}
                          </select>
                        </td>
                      </tr>
                    )
                  })}
              </tbody>
            ))}
          </table>
          <div class="card-foot">
            <a href="/fields">Reset to the default fields</a>
            <button class="button button-primary" type="submit">
              Use these fields
            </button>
          </div>
        </form>
      </div>
    </Layout>
  )
}

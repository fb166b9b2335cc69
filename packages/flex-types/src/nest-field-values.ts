import type { FlexFieldPath } from './flex-field-paths.js'
import type { FlexFieldTree } from './flex-field-tree.js'

/**
 * Nests values keyed by dotted field path into the wire tree. Takes a flat object or entries.
 *
 * @example
 * ```ts
 * nestFieldValues({ 'orderInformation.billTo.firstName': 'Ada' })
 * // { orderInformation: { billTo: { firstName: 'Ada' } } }
 * ```
 */
export function nestFieldValues<Value>(
  values: { [Path in FlexFieldPath]?: Value } | Iterable<readonly [FlexFieldPath, Value]>,
): FlexFieldTree<Value> {
  const tree: Record<string, unknown> = {}
  const entries =
    Symbol.iterator in values
      ? (values as Iterable<readonly [FlexFieldPath, Value]>)
      : (Object.entries(values) as [FlexFieldPath, Value][])
  for (const [path, value] of entries) {
    if (value === undefined) continue
    const parts = path.split('.')
    let node = tree
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {}
      node = node[part] as Record<string, unknown>
    }
    node[parts[parts.length - 1] as string] = value
  }
  return tree as FlexFieldTree<Value>
}

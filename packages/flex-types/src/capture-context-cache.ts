import type { CaptureContext } from './capture-context.js'

const entries = new WeakMap<CaptureContext, Map<string, unknown>>()

// Frozen is not enough: a frozen object may hold a getter, or a nested object that is not frozen.
function isImmutable(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return typeof value !== 'function'
  if (depth > 4 || !Object.isFrozen(value)) return false
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key)
    if (descriptor === undefined || !('value' in descriptor)) return false
    if (!isImmutable(descriptor.value, depth + 1)) return false
  }
  return true
}

function isCacheable(context: CaptureContext): boolean {
  if (typeof context !== 'object' || context === null || !Object.isFrozen(context)) return false
  const descriptor = Object.getOwnPropertyDescriptor(context, 'encryptionKey')
  return descriptor !== undefined && 'value' in descriptor && isImmutable(descriptor.value, 0)
}

/**
 * The one cache of what the packages derive from a capture context's one-time key (its
 * validation, imported CryptoKeys). Keyed by the context object, so an entry dies with it; only a
 * frozen context whose `encryptionKey` is deeply frozen plain data is cached (verified contexts
 * are), so an entry cannot go stale. Anything else is derived anew on every call. A `derive` that
 * throws, or returns a promise that rejects, leaves nothing cached.
 *
 * @example
 * ```ts
 * const key = rememberForCaptureContext(context, 'verify:RS256', () => importKey(context.encryptionKey))
 * ```
 */
export function rememberForCaptureContext<T>(
  context: CaptureContext,
  purpose: string,
  derive: () => T,
): T {
  if (!isCacheable(context)) return derive()
  let perContext = entries.get(context)
  if (perContext === undefined) {
    perContext = new Map()
    entries.set(context, perContext)
  }
  if (perContext.has(purpose)) return perContext.get(purpose) as T
  const value = derive()
  perContext.set(purpose, value)
  if (value instanceof Promise) {
    const map = perContext
    value.catch(() => {
      if (map.get(purpose) === value) map.delete(purpose)
    })
  }
  return value
}

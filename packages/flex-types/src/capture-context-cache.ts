import type { CaptureContext } from './capture-context.js'

const entries = new WeakMap<CaptureContext, Map<string, unknown>>()

/**
 * The one cache of what the packages derive from a capture context's one-time key (its
 * validation, imported CryptoKeys). Keyed by the context object, so an entry dies with it; only a
 * frozen context whose `encryptionKey` is frozen too is cached (verified contexts are), so an entry
 * cannot go stale. Anything else is derived anew on every call.
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
  if (!Object.isFrozen(context) || !Object.isFrozen(context.encryptionKey)) return derive()
  let perContext = entries.get(context)
  if (perContext === undefined) {
    perContext = new Map()
    entries.set(context, perContext)
  }
  if (perContext.has(purpose)) return perContext.get(purpose) as T
  const value = derive()
  perContext.set(purpose, value)
  return value
}

import type { CaptureContext } from 'flex-types'

// A WeakSet, not a Symbol.for brand: nothing outside this module can add to it, while a
// registered symbol is one line away for any code or library that wants to pass the check.
const verified = new WeakSet<object>()

// A loop, not recursion: claims may nest thousands deep within the 64 KiB a token may take.
function deepFreeze<T extends object>(root: T): T {
  const pending: object[] = [root]
  for (let value = pending.pop(); value !== undefined; value = pending.pop()) {
    if (Object.isFrozen(value)) continue
    Object.freeze(value)
    for (const member of Object.values(value)) {
      if (typeof member === 'object' && member !== null) pending.push(member)
    }
  }
  return root
}

/** Freezes a capture context all the way down and records it as one this copy verified. */
export function rememberVerified<T extends CaptureContext>(context: T): T {
  verified.add(deepFreeze(context))
  return context
}

/** Tells whether `value` is a capture context that `verifyCaptureContext` returned. */
export function isVerifiedCaptureContext(value: unknown): value is CaptureContext {
  return typeof value === 'object' && value !== null && verified.has(value)
}

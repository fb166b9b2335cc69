import { createUsageError } from 'flex-types/internal'

/** The calls the client makes; `client.request` names its calls (default `request`). */
export type FlexOperation =
  | 'createSession'
  | 'createMicroformSession'
  | 'createUnifiedCheckoutSession'
  | 'createTransientToken'
  | 'request'
  | (string & {})

/** What a hook learns before each attempt: no headers, no body. */
export interface FlexRequestEvent {
  operation: FlexOperation
  method: string
  /** Origin and path, without a query. */
  url: string
  /** 1 for the first attempt, 2 for the first retry… */
  attempt: number
}

/** What a hook learns after each answer: no headers but the correlation id, no body. */
export interface FlexResponseEvent extends FlexRequestEvent {
  status: number
  /** Milliseconds from sending to the response headers. */
  duration: number
  correlationId: string | undefined
}

/** Observers of every attempt; a hook that throws is ignored, it never breaks a request. */
export interface FlexClientHooks {
  /** Called before each attempt is sent (the event holds no header value and no body). */
  beforeRequest?: (event: FlexRequestEvent) => void
  /** Called after each answer: status, duration and correlation id, no body. */
  afterResponse?: (event: FlexResponseEvent) => void
}

/** Reads the `hooks` option: an object whose members, when present, are functions. */
export function readHooks(hooks: unknown): FlexClientHooks {
  if (hooks === undefined) return {}
  if (typeof hooks !== 'object' || hooks === null) {
    throw createUsageError('createFlexClient', 'hooks', 'must be an object')
  }
  const { beforeRequest, afterResponse } = hooks as Record<string, unknown>
  for (const [name, hook] of [
    ['beforeRequest', beforeRequest],
    ['afterResponse', afterResponse],
  ] as const) {
    if (hook !== undefined && typeof hook !== 'function') {
      throw createUsageError('createFlexClient', `hooks.${name}`, 'must be a function')
    }
  }
  return hooks as FlexClientHooks
}

/** Calls an observer, ignoring whatever it throws. */
export function callHook<Event>(hook: ((event: Event) => void) | undefined, event: Event): void {
  try {
    hook?.(event)
  } catch {
    // Observers must not change the outcome of a payment call.
  }
}
